namespace Overal.Hub.Tests.Infrastructure;

/// <summary>
/// One hub host starts at a time in this test process: WebApplicationFactory finds Program's host through
/// process-wide hosting diagnostics events, so two factories starting at once can each grab the other's host
/// (and one's dispose then stops the other's server mid-test). Every factory in this project starts through here.
/// </summary>
public static class HostStartGate
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static T Run<T>(Func<T> start)
    {
        Gate.Wait();
        try
        {
            return start();
        }
        finally
        {
            Gate.Release();
        }
    }
}
