using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Overal.Hub.Auth;
using Overal.Hub.Tests.Infrastructure;

namespace Overal.Hub.Tests.Api.Access;

/// <summary>The endpoint table is the whole API: every mapped /api endpoint declares a rule, and the table tests it.</summary>
public abstract class ApiEndpointCoverageTests<THub>(THub hub) : HubTestBase<THub>(hub) where THub : AccessHubFactory
{
    private IReadOnlyList<RouteEndpoint> ApiEndpoints() =>
        [.. Hub.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api", StringComparison.Ordinal) == true)];

    [Fact]
    public void Every_api_endpoint_declares_an_access_rule()
    {
        var undeclared = ApiEndpoints().Where(e => e.Metadata.GetMetadata<ApiAccess>() is null).Select(e => e.DisplayName).ToList();

        Assert.NotEmpty(ApiEndpoints());
        Assert.Empty(undeclared);
    }

    [Fact]
    public void The_endpoint_table_names_every_mapped_api_endpoint_with_its_declared_rule()
    {
        var mapped = ApiEndpoints().Where(e => e.Metadata.GetMetadata<ApiAccess>() != ApiAccess.Public)
            .ToDictionary(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? e.DisplayName!, e => e.Metadata.GetMetadata<ApiAccess>()?.Name);

        Assert.Equal(ApiEndpointTable.Rows.Keys.Order(StringComparer.Ordinal), mapped.Keys.Order(StringComparer.Ordinal));
        Assert.All(ApiEndpointTable.Rows, row => Assert.Equal(row.Value.Rule, mapped[row.Key]));
    }

    [Fact]
    public async Task An_api_route_that_declares_no_rule_is_refused_even_when_it_allows_anonymous()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        app.UseApiAccessGuard();
        app.MapGet("/api/undeclared", () => "open").AllowAnonymous();
        app.MapGet("/api/declared", () => "open").RequireAccess(ApiAccess.Public);
        await app.StartAsync(Ct);
        using var client = app.GetTestClient();

        using var undeclared = await client.GetAsync("/api/undeclared", Ct);
        using var declared = await client.GetAsync("/api/declared", Ct);

        await HubApi.ExpectProblemAsync(undeclared, HttpStatusCode.Forbidden, "declares no access rule");
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
    }
}

public sealed class SqliteApiEndpointCoverageTests(SqliteAccessHub hub) : ApiEndpointCoverageTests<SqliteAccessHub>(hub);

public sealed class PostgresApiEndpointCoverageTests(PostgresAccessHub hub) : ApiEndpointCoverageTests<PostgresAccessHub>(hub);
