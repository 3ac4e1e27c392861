using System.Net;
using System.Net.Http.Json;
using System.Net.Mail;

namespace Overal.Hub.Alerts;

/// <summary>
/// Sends newly raised alerts out, when configured: a JSON POST to Alerts:Notify:WebhookUrl and/or one e-mail over SMTP
/// (Alerts:Notify:SmtpHost, From, To). A failed notification is logged and never stops the evaluation; the alert
/// stays on the dashboard either way. No SMTP password or personal data is logged.
/// </summary>
public sealed class AlertNotifier(AlertOptions options, IHttpClientFactory http, ILogger<AlertNotifier> logger)
{
    public const string HttpClientName = "Overal.Alerts";

    public async Task NotifyAsync(IReadOnlyList<Alert> raised, CancellationToken cancellationToken)
    {
        if (raised.Count == 0) return;
        var notify = options.Notify;
        if (notify.WebhookUrl is { } url)
        {
            try
            {
                using var response = await http.CreateClient(HttpClientName).PostAsJsonAsync(url, new
                {
                    source = "overal",
                    alerts = raised.Select(a => new { a.Id, a.Key, kind = a.Kind.ToString(), severity = a.Severity.ToString(), a.ChannelId, a.Message, a.FirstSeen }),
                }, cancellationToken);
                if (!response.IsSuccessStatusCode) logger.LogWarning("Alert webhook answered {Status}", (int)response.StatusCode);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                logger.LogWarning("Alert webhook failed: {Error}", e.Message);
            }
        }
        if (notify.SmtpHost is { } host && notify.From is { } from && notify.To is { } to)
        {
            try
            {
                using var smtp = new SmtpClient(host, notify.SmtpPort) { EnableSsl = notify.SmtpSsl };
                if (notify.SmtpUser is { } user) smtp.Credentials = new NetworkCredential(user, notify.SmtpPassword);
                using var mail = new MailMessage(from, to)
                {
                    Subject = raised.Count == 1 ? $"[Overal] {raised[0].Severity}: {raised[0].Message}" : $"[Overal] {raised.Count} new alerts",
                    Body = string.Join("\n", raised.Select(a => $"{a.Severity} {a.Kind} {a.ChannelId}: {a.Message}")),
                };
                await smtp.SendMailAsync(mail, cancellationToken);
            }
            catch (Exception e) when (e is SmtpException or InvalidOperationException or FormatException)
            {
                logger.LogWarning("Alert e-mail failed: {Error}", e.Message);
            }
        }
    }
}
