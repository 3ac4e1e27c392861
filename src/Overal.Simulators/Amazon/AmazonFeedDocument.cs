namespace Overal.Simulators.Amazon;

/// <summary>
/// A feed document behind a pre-signed URL: the Content-Type declared in createFeedDocument (which the signature
/// covers, so an upload must send exactly it), the bytes once uploaded, and for processing reports the compression.
/// </summary>
internal sealed class AmazonFeedDocument
{
    public required string ContentType { get; init; }
    public byte[]? Content { get; set; }

    /// <summary>"GZIP" when <see cref="Content"/> is compressed (getFeedDocument then says so).</summary>
    public string? CompressionAlgorithm { get; init; }
}
