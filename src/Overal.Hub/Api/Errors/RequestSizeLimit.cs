using Microsoft.AspNetCore.Http.Features;

namespace Overal.Hub.Api.Errors;

/// <summary>
/// Caps request bodies for the API and webhooks (Api:MaxBodyBytes, default 256 KiB): a declared length above it
/// gets 413 at once; a chunked body is cut off when it passes it.
/// </summary>
internal static class RequestSizeLimit
{
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app, long maxBytes) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > maxBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await Results.Problem(statusCode: 413, title: "Payload too large",
                    detail: $"The request body is {context.Request.ContentLength} bytes; this endpoint accepts at most {maxBytes}.").ExecuteAsync(context);
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = maxBytes;
            }
            await next(context);
        });
}
