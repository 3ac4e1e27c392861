namespace Overal.Simulators.Specs;

/// <summary>
/// Finds the official spec folder: an explicit option, else env OVERAL_SPECS_DIR, else ../shared/reference/specs
/// beside the repository root (the folder holding Overal.slnx). The specs are never copied into the repository.
/// </summary>
public static class SpecsDirectory
{
    public const string EnvironmentVariable = "OVERAL_SPECS_DIR";

    /// <summary>The folder, or null when it does not exist (simulators then run without validation).</summary>
    public static string? Locate(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv)) return Directory.Exists(fromEnv) ? Path.GetFullPath(fromEnv) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Overal.slnx")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "reference", "specs"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }
        return null;
    }
}
