namespace Overal.Simulators.Control;

/// <summary>
/// The simulators' control API, for tests, benchmarks and demo mode. Not part of any channel's contract.
/// </summary>
public static class ControlEndpoints
{
    public static void MapControlEndpoints(this IEndpointRouteBuilder routes, IEnumerable<IChannelSimulator> simulators)
    {
        var byName = simulators.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        var group = routes.MapGroup("/_control");

        group.MapGet("/", () => TypedResults.Ok(byName.Keys.Order().ToArray()));

        group.MapPost("/{name}/faults", IResult (string name, FaultSettings settings) =>
        {
            if (!byName.TryGetValue(name, out var sim)) return TypedResults.NotFound();
            sim.Faults.Apply(settings);
            return TypedResults.Ok(sim.Faults.Current);
        });
        group.MapGet("/{name}/faults", IResult (string name) =>
            byName.TryGetValue(name, out var sim) ? TypedResults.Ok(sim.Faults.Current) : TypedResults.NotFound());

        group.MapPost("/{name}/items", IResult (string name, SimulatedItem[] items) =>
        {
            if (!byName.TryGetValue(name, out var sim)) return TypedResults.NotFound();
            sim.Seed(items);
            return TypedResults.NoContent();
        });
        group.MapGet("/{name}/quantities", IResult (string name) =>
            byName.TryGetValue(name, out var sim) ? TypedResults.Ok(sim.Quantities()) : TypedResults.NotFound());

        group.MapPost("/{name}/drift", IResult (string name, DriftRequest drift) =>
        {
            if (!byName.TryGetValue(name, out var sim)) return TypedResults.NotFound();
            sim.Corrupt(drift.Sku, drift.Quantity);
            return TypedResults.NoContent();
        });
    }
}

public sealed record DriftRequest(string Sku, int Quantity);
