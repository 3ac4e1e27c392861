using System.Text.Json;
using Overal.Core.Sync;
using Overal.Hub.Channels;

namespace Overal.Hub.Cli;

/// <summary>
/// <c>dotnet run --project src/Overal.Hub -- reconcile &lt;channel&gt;|all</c>: reads the channels' own numbers back against
/// the configured database, records the drift and marks drifted SKUs for repair (the running hub's dispatchers push
/// them), prints each run as JSON and exits non-zero when a run failed. In demo mode the simulators live inside the
/// hub process, so the command refuses: use POST /api/channels/{id}/reconcile on the running hub instead.
/// </summary>
public static class ReconcileCommand
{
    public const string Name = "reconcile";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync("usage: reconcile <channel id>|all");
            return 2;
        }
        if (HubChannelsServiceCollectionExtensions.IsDemo(services.GetRequiredService<IConfiguration>()))
        {
            await Console.Error.WriteLineAsync("reconcile: the hub is in demo mode, whose simulators run inside the hub process; call POST /api/channels/{id}/reconcile on the running hub.");
            return 2;
        }
        var reconciler = services.GetRequiredService<Reconciler>();
        var channels = args[1] == "all" ? reconciler.ReconcilableChannels.ToList() : [args[1]];
        var failed = false;
        foreach (var channel in channels)
        {
            try
            {
                var run = await reconciler.ReconcileAsync(channel, "cli", cancellationToken);
                failed |= run.Error is not null;
                Console.WriteLine(JsonSerializer.Serialize(run, JsonSerializerOptions.Web));
            }
            catch (Core.Errors.HubException e)
            {
                await Console.Error.WriteLineAsync($"reconcile {channel}: {e.Message}");
                failed = true;
            }
        }
        return failed ? 1 : 0;
    }
}
