using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Overal.Hub.Dashboard;

/// <summary>
/// The dashboard's texts in English and Dutch. A dictionary rather than .resx: a few dozen short strings, kept
/// side by side so a missing translation is obvious. A key without an entry renders as itself.
/// </summary>
public sealed class DashboardText : IStringLocalizer
{
    private static readonly Dictionary<string, string> Dutch = new()
    {
        ["Overview"] = "Overzicht",
        ["Stock"] = "Voorraad",
        ["Channels"] = "Kanalen",
        ["Log out"] = "Uitloggen",
        ["Log in"] = "Inloggen",
        ["Email"] = "E-mail",
        ["Password"] = "Wachtwoord",
        ["Login failed."] = "Inloggen mislukt.",
        ["Too many attempts: the account is locked for 15 minutes."] = "Te veel pogingen: het account is 15 minuten geblokkeerd.",
        ["Search style, SKU or EAN"] = "Zoek model, SKU of EAN",
        ["Search"] = "Zoeken",
        ["Size"] = "Maat",
        ["Channel"] = "Kanaal",
        ["Sellable"] = "Verkoopbaar",
        ["Confirmed"] = "Bevestigd",
        ["Sync state"] = "Syncstatus",
        ["Explain"] = "Uitleg",
        ["Adjust stock"] = "Voorraad corrigeren",
        ["Location"] = "Locatie",
        ["Change (+/-)"] = "Wijziging (+/-)",
        ["Reason"] = "Reden",
        ["Save"] = "Opslaan",
        ["Ledger"] = "Grootboek",
        ["When"] = "Wanneer",
        ["Type"] = "Soort",
        ["Change"] = "Wijziging",
        ["On hand after"] = "Aanwezig na",
        ["Source"] = "Bron",
        ["Connected"] = "Verbonden",
        ["Not connected"] = "Niet verbonden",
        ["Circuit"] = "Stroomonderbreker",
        ["Last confirmation"] = "Laatste bevestiging",
        ["In sync"] = "Gelijk",
        ["Pending"] = "Wachtend",
        ["Failed"] = "Mislukt",
        ["Dead letters"] = "Onbestelbaar",
        ["Replay"] = "Opnieuw",
        ["Reconcile now"] = "Nu afstemmen",
        ["Drift"] = "Afwijking",
        ["Latency"] = "Vertraging",
        ["Last error"] = "Laatste fout",
        ["Channels connected"] = "Kanalen verbonden",
        ["Pending pushes"] = "Wachtende updates",
        ["Failed pushes"] = "Mislukte updates",
        ["Stock-outs"] = "Uitverkocht",
        ["Open circuits"] = "Open onderbrekers",
        ["Propagation latency (ms)"] = "Doorlooptijd (ms)",
        ["No POS (not synced)"] = "Kassa (niet gesynchroniseerd)",
        ["Live"] = "Live",
        ["Language"] = "Taal",
        ["never"] = "nooit",
        ["Saved."] = "Opgeslagen.",
        ["Replayed"] = "Opnieuw verstuurd",
        ["Checked"] = "Gecontroleerd",
        ["No results."] = "Geen resultaten.",
        ["Your store"] = "Jouw winkel",
        ["Alerts"] = "Meldingen",
        ["Active alerts"] = "Actieve meldingen",
        ["No alerts."] = "Geen meldingen.",
        ["Severity"] = "Ernst",
        ["Alert"] = "Melding",
        ["Since"] = "Sinds",
        ["State"] = "Status",
        ["Active"] = "Actief",
        ["Resolved"] = "Opgelost",
        ["Acknowledged by"] = "Bevestigd door",
        ["Muted until"] = "Gedempt tot",
        ["Acknowledge"] = "Bevestigen",
        ["Mute 1 h"] = "1 u dempen",
        ["Warning"] = "Waarschuwing",
        ["Critical"] = "Kritiek",
    };

    public LocalizedString this[string name] => Lookup(name);

    public LocalizedString this[string name, params object[] arguments] =>
        new(name, string.Format(CultureInfo.CurrentCulture, Lookup(name).Value, arguments));

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => Dutch.Keys.Select(Lookup);

    private static LocalizedString Lookup(string name) =>
        IsDutch && Dutch.TryGetValue(name, out var nl) ? new LocalizedString(name, nl) : new LocalizedString(name, name, resourceNotFound: !IsDutch);

    private static bool IsDutch => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "nl";
}
