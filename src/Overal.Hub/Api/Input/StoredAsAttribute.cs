namespace Overal.Hub.Api.Input;

/// <summary>
/// Marks a request field as stored in <paramref name="entity"/>.<paramref name="property"/>, so
/// <see cref="TextInputFilter"/> refuses text longer than that column (read from the EF Core model, not repeated here).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class StoredAsAttribute(Type entity, string property) : Attribute
{
    public Type Entity { get; } = entity;

    public string Property { get; } = property;
}
