using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Overal.Core.Persistence;

public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.ToUnixTimeMilliseconds(),
    v => DateTimeOffset.FromUnixTimeMilliseconds(v));
