using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Overal.Simulators;

namespace Overal.Channels.Tests.Compliance;

/// <summary>All simulators in this test process on a free loopback port, reached over real HTTP.</summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>e.g. http://127.0.0.1:41234/ ; a simulator lives under BaseAddress + its name.</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public TSimulator Simulator<TSimulator>() where TSimulator : IChannelSimulator =>
        _app.Services.GetServices<IChannelSimulator>().OfType<TSimulator>().Single();

    public Uri BaseFor(string simulatorName) => new(BaseAddress, simulatorName + "/");

    public static async Task<SimulatorServer> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddChannelSimulators();
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapChannelSimulators();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SimulatorServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
