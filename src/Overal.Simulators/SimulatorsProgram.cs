namespace Overal.Simulators;

/// <summary>
/// Runs every channel simulator in one process on a loopback port:
/// <c>dotnet run --project src/Overal.Simulators -- --urls http://127.0.0.1:5090</c>.
/// Each simulator lives under its own path prefix (/shopify, /lightspeed, /bol, /amazon, /zalando, /meta);
/// the control API is under /_control.
/// </summary>
public static class SimulatorsProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddChannelSimulators();
        var app = builder.Build();
        app.MapChannelSimulators();
        await app.RunAsync();
    }
}
