using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Overal.Channels.Abstractions;
using Overal.Channels.Bol;
using Overal.Channels.Tests.Compliance;
using Overal.Simulators;
using Overal.Simulators.Bol;

namespace Overal.Channels.Tests.Bol;

/// <summary>
/// bol v10 has no offer search: the adapter finds offer ids (and reads stock for reconciliation) in the CSV offer
/// export, which bol prepares asynchronously and, for a large assortment, slowly. The simulator and the adapter share
/// a fake clock, so "bol takes ten minutes" costs no time; bol settles queued stock updates at once here.
/// </summary>
public sealed class BolOfferExportTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-12-04T09:00:00Z", CultureInfo.InvariantCulture);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly HttpClient _http = new();
    private SimulatorServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BolSimulator Sim => _server.Simulator<BolSimulator>();

    public async ValueTask InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(s =>
        {
            s.AddSingleton<TimeProvider>(_clock);
            s.Configure<BolSimulatorOptions>(o => o.ProcessingDelay = TimeSpan.Zero);
        });
        Sim.Seed(
        [
            new SimulatedItem("EXP-TEE-S", "8712345000011", "T-shirt S", 19.95m, 3),
            new SimulatedItem("EXP-TEE-M", "8712345000028", "T-shirt M", 19.95m, 7),
            new SimulatedItem("EXP-TEE-L", "8712345000035", "T-shirt L", 19.95m, 11),
        ]);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_comment_with_commas_quotes_and_a_line_break_does_not_shift_the_export_columns()
    {
        Sim.SetConditionComment("EXP-TEE-M", "Small mark on the sleeve, see photo \"2\", box opened");
        Sim.SetConditionComment("EXP-TEE-S", "Returned once,\nrepacked");
        var adapter = Adapter(o => o.ReadBackExportThreshold = 0);

        var readings = await adapter.ReadStockAsync(["EXP-TEE-S", "EXP-TEE-M", "EXP-TEE-L"], Ct);

        Assert.Equal(
            new Dictionary<string, int> { ["EXP-TEE-S"] = 3, ["EXP-TEE-M"] = 7, ["EXP-TEE-L"] = 11 },
            readings.ToDictionary(r => r.Sku, r => r.Quantity));
    }

    [Fact]
    public async Task A_slow_export_is_polled_until_ready_instead_of_being_requested_again()
    {
        Sim.Options.ExportProcessingDelay = TimeSpan.FromMinutes(10);
        var adapter = Adapter();

        var first = await adapter.PushStockAsync([Update("EXP-TEE-M", 5)], Ct);
        Assert.Equal(ItemOutcome.RetryLater, first.Items.Single().Outcome);
        Assert.NotNull(first.RetryAfter);

        for (var minute = 1; minute <= 9; minute++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            var waiting = await adapter.PushStockAsync([Update("EXP-TEE-M", 5)], Ct);
            Assert.Equal(ItemOutcome.RetryLater, waiting.Items.Single().Outcome);
            Assert.Contains("export", waiting.Items.Single().Error, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(1, Sim.OfferExportsRequested);

        _clock.Advance(TimeSpan.FromMinutes(1));
        var done = await adapter.PushStockAsync([Update("EXP-TEE-M", 5)], Ct);

        Assert.Equal(ItemOutcome.Confirmed, done.Items.Single().Outcome);
        Assert.Equal(5, Sim.Quantities()["EXP-TEE-M"]);
        Assert.Equal(1, Sim.OfferExportsRequested);
    }

    [Fact]
    public async Task An_export_that_never_finishes_becomes_a_counted_failure_and_is_requested_anew()
    {
        Sim.Options.ExportProcessingDelay = TimeSpan.FromHours(3);
        var adapter = Adapter(o => o.OfferExportPatience = TimeSpan.FromMinutes(15));

        var waiting = await adapter.PushStockAsync([Update("EXP-TEE-L", 4)], Ct);
        Assert.NotNull(waiting.RetryAfter);

        _clock.Advance(TimeSpan.FromMinutes(16));
        var stuck = await adapter.PushStockAsync([Update("EXP-TEE-L", 4)], Ct);

        // No Retry-After: the dispatcher counts it, records the error on the row and the channel's health, and after
        // enough of them opens the circuit and raises the channel alert.
        Assert.Null(stuck.RetryAfter);
        var item = stuck.Items.Single();
        Assert.Equal(ItemOutcome.RetryLater, item.Outcome);
        Assert.Contains("export", item.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, Sim.OfferExportsRequested);

        await adapter.PushStockAsync([Update("EXP-TEE-L", 4)], Ct);
        Assert.Equal(2, Sim.OfferExportsRequested);
    }

    [Fact]
    public async Task Known_offers_are_pushed_while_an_export_for_a_new_offer_is_pending()
    {
        var adapter = Adapter();
        var known = await adapter.PushStockAsync([Update("EXP-TEE-S", 2)], Ct);
        Assert.Equal(ItemOutcome.Confirmed, known.Items.Single().Outcome);

        Sim.Seed([new SimulatedItem("EXP-NEW-XL", "8712345000042", "T-shirt XL", 19.95m, 0)]);
        Sim.Options.ExportProcessingDelay = TimeSpan.FromMinutes(10);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var mixed = await adapter.PushStockAsync([Update("EXP-TEE-S", 1), Update("EXP-NEW-XL", 6)], Ct);

        Assert.Equal(ItemOutcome.Confirmed, mixed.Items.Single(i => i.Sku == "EXP-TEE-S").Outcome);
        Assert.Equal(1, Sim.Quantities()["EXP-TEE-S"]);
        Assert.Equal(ItemOutcome.RetryLater, mixed.Items.Single(i => i.Sku == "EXP-NEW-XL").Outcome);
        Assert.Equal(0, Sim.Quantities()["EXP-NEW-XL"]);
    }

    private BolAdapter Adapter(Action<BolAdapterOptions>? configure = null)
    {
        var options = new BolAdapterOptions
        {
            BaseAddress = _server.BaseFor("bol"),
            TokenEndpoint = new Uri(_server.BaseFor("bol"), "token"),
            ClientId = Sim.Options.ClientId,
            ClientSecret = Sim.Options.ClientSecret,
            // The adapter checks once per push and never sits waiting on the fake clock.
            ProcessStatusTimeout = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        return new BolAdapter(_http, options, _clock);
    }

    private static StockUpdate Update(string sku, int quantity) => new(sku, EanOf(sku), quantity, null);

    private static string EanOf(string sku) => sku switch
    {
        "EXP-TEE-S" => "8712345000011",
        "EXP-TEE-M" => "8712345000028",
        "EXP-TEE-L" => "8712345000035",
        _ => "8712345000042",
    };
}
