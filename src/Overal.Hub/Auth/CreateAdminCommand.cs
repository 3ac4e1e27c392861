namespace Overal.Hub.Auth;

/// <summary>
/// <c>dotnet run --project src/Overal.Hub -- create-admin --email x --password y [--role r] [--location id]</c>:
/// creates a user against the configured database and exits. The password may come from
/// <c>OVERAL_ADMIN_PASSWORD</c> instead, to keep it out of the process list and shell history.
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        string? Option(string name)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var email = Option("email");
        var password = Option("password") ?? Environment.GetEnvironmentVariable("OVERAL_ADMIN_PASSWORD");
        if (email is null || password is null)
        {
            await Console.Error.WriteLineAsync("usage: create-admin --email <email> --password <password> [--role admin|operations|store_staff|read_only] [--location <store id>]");
            return 2;
        }
        using var scope = services.CreateScope();
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await AdminBootstrap.CreateUserAsync(scope.ServiceProvider, email, password, Option("role") ?? Core.Access.HubRoles.Admin, Option("location"));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            await Console.Error.WriteLineAsync("create-admin failed: " + e.Message);
            return 1;
        }
        Console.WriteLine($"Created {email}.");
        return 0;
    }
}
