namespace Overal.Dashboard.Tests;

/// <summary>One hub and one browser for the whole class: starting either takes seconds on a 2-core machine.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public DashboardHost Hub { get; } = new();

    public Browser Browser { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Hub.InitializeAsync();
        await Browser.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Hub.DisposeAsync();
    }
}
