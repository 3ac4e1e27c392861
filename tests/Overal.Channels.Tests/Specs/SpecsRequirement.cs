using Overal.Simulators.Specs;

namespace Overal.Channels.Tests.Specs;

/// <summary>
/// Tests that check requests against the official specs need ../shared/reference/specs (or OVERAL_SPECS_DIR).
/// Where that folder is absent they are reported as skipped, by name, for that reason alone (CI always has it).
/// </summary>
public static class SpecsRequirement
{
    public static string Folder()
    {
        var folder = SpecsDirectory.Locate();
        if (folder is null)
        {
            Assert.Skip($"The official specs folder was not found (../shared/reference/specs or ${SpecsDirectory.EnvironmentVariable}); this test checks requests against it.");
        }
        return folder;
    }
}
