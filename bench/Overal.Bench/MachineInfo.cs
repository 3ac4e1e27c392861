using System.Runtime.InteropServices;

namespace Overal.Bench;

/// <summary>What the figures were measured on.</summary>
public static class MachineInfo
{
    public static IEnumerable<(string Name, string Value)> Describe()
    {
        yield return ("CPU", Field("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString());
        yield return ("Cores (logical)", Environment.ProcessorCount.ToString());
        var kb = long.TryParse(Field("/proc/meminfo", "MemTotal")?.Split(' ')[0], out var k) ? k : 0;
        yield return ("Memory", $"{kb / 1024.0 / 1024.0:F1} GiB");
        yield return ("OS", $"{Field("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription}, kernel {Read("/proc/sys/kernel/osrelease")}");
        yield return (".NET", RuntimeInformation.FrameworkDescription);
    }

    private static string? Field(string path, string name, char separator = ':')
    {
        if (!File.Exists(path)) return null;
        foreach (var line in File.ReadLines(path))
        {
            var at = line.IndexOf(separator);
            if (at > 0 && line[..at].Trim() == name) return line[(at + 1)..].Trim();
        }
        return null;
    }

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : "?";
}
