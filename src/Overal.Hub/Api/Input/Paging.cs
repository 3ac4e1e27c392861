using Overal.Core.Errors;

namespace Overal.Hub.Api.Input;

/// <summary>Paging arithmetic that cannot overflow: a page so far out that its offset passes int.MaxValue is a 400.</summary>
public static class Paging
{
    public static int Offset(int page, int pageSize)
    {
        var offset = (long)(page - 1) * pageSize;
        if (page < 1 || offset > int.MaxValue) throw HubException.Invalid($"'page' must be between 1 and {int.MaxValue / pageSize + 1} at pageSize {pageSize}.");
        return (int)offset;
    }
}
