namespace Overal.Dashboard.Tests;

/// <summary>All browser tests share one hub and one browser, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
