namespace Overal.Simulators.Zalando;

/// <summary>Wraps a result and adds response headers (Retry-After, X-Rate-Limit) before it executes.</summary>
internal sealed class HeaderResult(IResult inner, params (string Name, string Value)[] headers) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        foreach (var (name, value) in headers)
        {
            httpContext.Response.Headers[name] = value;
        }
        return inner.ExecuteAsync(httpContext);
    }
}
