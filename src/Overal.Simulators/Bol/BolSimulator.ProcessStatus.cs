using System.Text.Json.Nodes;

namespace Overal.Simulators.Bol;

public sealed partial class BolSimulator
{
    private IResult GetProcessStatus(BolCall call) =>
        _processes.TryGetValue(call.Route("id"), out var process)
            ? Json(process.ToJson(call.BaseUrl))
            : BolProblems.Create(call.Request, 404, "Not Found", $"Process status {call.Route("id")} not found.");

    private IResult GetProcessStatuses(BolCall call)
    {
        var found = call.Body!["processStatusQueries"]!.AsArray()
            .Select(q => q!["processStatusId"]!.GetValue<string>())
            .Select(id => _processes.GetValueOrDefault(id))
            .Where(p => p is not null)
            .Select(p => (JsonNode)p!.ToJson(call.BaseUrl));
        return Json(new JsonObject { ["processStatuses"] = new JsonArray([.. found]) });
    }
}
