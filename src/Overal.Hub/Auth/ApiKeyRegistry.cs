using System.Security.Cryptography;
using System.Text;
using Overal.Core.Access;

namespace Overal.Hub.Auth;

/// <summary>The configured API keys (section <c>Auth:ApiKeys</c>), by hash. A key's role defaults to read_only.</summary>
public sealed class ApiKeyRegistry
{
    private readonly IReadOnlyList<(byte[] Hash, ApiKey Key)> _keys;

    public ApiKeyRegistry(IConfiguration configuration, ILogger<ApiKeyRegistry> logger)
    {
        var keys = new List<(byte[], ApiKey)>();
        foreach (var section in configuration.GetSection("Auth:ApiKeys").GetChildren())
        {
            var hash = section["Hash"];
            var role = section["Role"] ?? HubRoles.ReadOnly;
            if (hash is null || hash.Length != 64 || !hash.All(Uri.IsHexDigit))
            {
                logger.LogWarning("API key {Name} ignored: Hash must be the 64-character SHA-256 hex of the key", section.Key);
                continue;
            }
            if (!HubRoles.All.Contains(role))
            {
                logger.LogWarning("API key {Name} ignored: unknown role {Role}", section.Key, role);
                continue;
            }
            keys.Add((Convert.FromHexString(hash), new ApiKey(section.Key, role, section["Location"])));
        }
        _keys = keys;
    }

    public ApiKey? Find(string presented)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKey? found = null;
        // Compare against every key in constant time so timing does not reveal which hash prefix matched.
        foreach (var (candidate, key) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(candidate, hash)) found = key;
        }
        return found;
    }
}

public sealed record ApiKey(string Name, string Role, string? Location);
