using System.Text.Json;
using Microsoft.Extensions.Options;
using Overal.Core.Idempotency;

namespace Overal.Hub.Api.Idempotency;

/// <summary>
/// Lets a stock-changing endpoint tell its service how it will answer, so the service stores that answer for
/// Idempotency-Key retries in the same transaction as the effect. Serialised with the options TypedResults use, so
/// the stored body is the body the client got.
/// </summary>
internal static class IdempotentAnswers
{
    public static void AnswerJson<T>(this HttpContext http, int status, Func<T, object> body, Func<T, string>? location = null) where T : class
    {
        var request = http.RequestServices.GetRequiredService<IdempotentRequest>();
        if (request.Key is null) return;
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        request.AnswerWith<T>(result =>
        {
            var value = body(result);
            return new IdempotentAnswer(status, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), json), location?.Invoke(result));
        });
    }
}
