using System.Net;
using System.Text;
using System.Text.Json;
using Overal.Hub.Tests.Infrastructure;

namespace Overal.Hub.Tests.Api.Access;

/// <summary>Who calls: a role, and for store staff (bound to store A) the store the call acts at.</summary>
public enum Caller { Admin, Operations, StoreStaffOwnStore, StoreStaffOtherStore, ReadOnly, Anonymous }

/// <summary>
/// Issue #10 §2: every /api endpoint × every role, on the server. Each case prepares a fresh resource at the store it
/// acts on (store A, or store B for store staff of A acting elsewhere), calls it with that role's key, and checks
/// 401/403 against the endpoint's rule; a refused call must leave every piece of state as it was.
/// </summary>
public abstract class ApiAccessTests<THub>(THub hub) : HubTestBase<THub>(hub) where THub : AccessHubFactory
{
    private static readonly SemaphoreSlim SceneLock = new(1, 1);
    private static readonly Dictionary<AccessHubFactory, AccessScene> Scenes = [];

    public static TheoryData<string, Caller> Cases()
    {
        var data = new TheoryData<string, Caller>();
        foreach (var name in ApiEndpointTable.Rows.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var caller in Enum.GetValues<Caller>()) data.Add(name, caller);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Endpoint_answers_each_role_by_its_rule_and_a_refusal_changes_nothing(string endpoint, Caller caller)
    {
        var row = ApiEndpointTable.Rows[endpoint];
        var scene = await SceneAsync();
        var store = caller == Caller.StoreStaffOtherStore ? AccessHubFactory.StoreB : AccessHubFactory.StoreA;
        var call = await row.Prepare(scene, store);
        var before = await scene.FingerprintAsync();

        using var client = Hub.ClientFor(caller switch
        {
            Caller.Admin => TestApiKey.Value,
            Caller.Operations => "access-operations",
            Caller.StoreStaffOwnStore or Caller.StoreStaffOtherStore => "access-store-staff",
            Caller.ReadOnly => "access-read-only",
            _ => null,
        });
        using var request = new HttpRequestMessage(call.Method, call.Path);
        if (call.Body is not null) request.Content = new StringContent(JsonSerializer.Serialize(call.Body, HubApi.Json), Encoding.UTF8, "application/json");
        else if (call.Method == HttpMethod.Post) request.Content = new StringContent("", Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        var expected = Expected(row.Rule, caller);
        if (expected is null)
        {
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)response.StatusCode < 500,
                $"{caller} on {endpoint} ({row.Rule}) should be let through but got {(int)response.StatusCode}: {body}");
            return;
        }
        Assert.True(response.StatusCode == expected, $"{caller} on {endpoint} ({row.Rule}) should get {(int)expected} but got {(int)response.StatusCode}: {body}");
        Assert.Equal(before, await scene.FingerprintAsync());
    }

    /// <summary>null: allowed (any answer but 401/403/5xx; the resource may be in a state that refuses the move).</summary>
    private static HttpStatusCode? Expected(string rule, Caller caller) => (rule, caller) switch
    {
        (_, Caller.Anonymous) => HttpStatusCode.Unauthorized,
        (_, Caller.Admin or Caller.Operations) => null,
        (ApiEndpointTable.Read, _) => null,
        (ApiEndpointTable.Store, Caller.StoreStaffOwnStore) => null,
        _ => HttpStatusCode.Forbidden,
    };

    private async Task<AccessScene> SceneAsync()
    {
        await SceneLock.WaitAsync(Ct);
        try
        {
            if (!Scenes.TryGetValue(Hub, out var scene))
            {
                scene = await AccessScene.CreateAsync(Hub, TakeSku());
                Scenes[Hub] = scene;
            }
            return scene;
        }
        finally
        {
            SceneLock.Release();
        }
    }
}

public sealed class SqliteApiAccessTests(SqliteAccessHub hub) : ApiAccessTests<SqliteAccessHub>(hub);

public sealed class PostgresApiAccessTests(PostgresAccessHub hub) : ApiAccessTests<PostgresAccessHub>(hub);
