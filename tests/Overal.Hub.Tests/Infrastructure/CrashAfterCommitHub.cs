using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Persistence;

namespace Overal.Hub.Tests.Infrastructure;

/// <summary>
/// The hub with a fault: a request that carries <see cref="Header"/> fails right after its database transaction has
/// committed, as if the process had died between the effect and recording its answer. Other requests run normally.
/// </summary>
public class CrashAfterCommitHub(DatabaseProvider provider) : HubFactory(provider)
{
    public const string Header = "X-Test-Crash-After-Commit";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpContextAccessor();
            services.ConfigureDbContext<HubDbContext>((sp, options) => options.AddInterceptors(new CrashAfterCommit(sp.GetRequiredService<IHttpContextAccessor>())));
        });
    }

    private sealed class CrashAfterCommit(IHttpContextAccessor http) : DbTransactionInterceptor
    {
        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
            http.HttpContext?.Request.Headers.ContainsKey(Header) == true
                ? throw new InvalidOperationException("Simulated crash: the transaction committed and the process died before answering.")
                : Task.CompletedTask;
    }
}

public sealed class SqliteCrashAfterCommitHub() : CrashAfterCommitHub(DatabaseProvider.Sqlite);

public sealed class PostgresCrashAfterCommitHub() : CrashAfterCommitHub(DatabaseProvider.Postgres);
