using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Overal.Simulators.Amazon;

/// <summary>
/// Validates POST_ORDER_ACKNOWLEDGEMENT_DATA documents against Amazon's release_4_1 XSDs
/// (specs/amazon/feeds/release_4_1, see SOURCES.md there) with System.Xml.Schema. Two adjustments, both from SOURCES.md:
/// amzn-envelope.xsd includes ~28 message XSDs that are not in the folder, so its includes and message choices are
/// cut down to the ones present (OrderAcknowledgement, ProcessingReport); and AmazonOrderItemCode's \d{14} is
/// relaxed to 14-15 digits, since live codes now have 15. Everything else is validated as Amazon wrote it.
/// </summary>
internal sealed partial class OrderAcknowledgementSchema
{
    private const string Folder = "amazon/feeds/release_4_1";
    private static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";
    private readonly XmlSchemaSet? _schemas;

    public OrderAcknowledgementSchema(string? specsFolder)
    {
        var folder = specsFolder is null ? null : Path.Combine(specsFolder, Folder);
        if (folder is null || !File.Exists(Path.Combine(folder, "amzn-envelope.xsd"))) return;
        var files = Directory.GetFiles(folder, "*.xsd").ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
        files["amzn-base.xsd"] = ItemCodePattern().Replace(files["amzn-base.xsd"], "$1\\d{14,15}$2");
        files["amzn-envelope.xsd"] = TrimEnvelope(files);
        var set = new XmlSchemaSet { XmlResolver = new InMemoryResolver(folder, files) };
        using (var reader = XmlReader.Create(new StringReader(files["amzn-envelope.xsd"]), new XmlReaderSettings { XmlResolver = null }, Path.Combine(folder, "amzn-envelope.xsd")))
        {
            set.Add(null, reader);
        }
        set.Compile();
        _schemas = set;
    }

    /// <summary>False when the spec folder is absent (the simulator then accepts any well-formed envelope).</summary>
    public bool Enabled => _schemas is not null;

    /// <summary>Parses and validates; returns the document (null when not well-formed) and every schema error with its line.</summary>
    public (XDocument? Document, IReadOnlyList<string> Errors) Validate(byte[] content)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        if (_schemas is not null)
        {
            settings.ValidationType = ValidationType.Schema;
            settings.Schemas = _schemas;
            settings.ValidationEventHandler += (_, e) => errors.Add($"line {e.Exception.LineNumber}: {e.Message}");
        }
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content), settings);
            var document = XDocument.Load(reader, LoadOptions.SetLineInfo);
            return (document, errors);
        }
        catch (XmlException e)
        {
            errors.Add("The feed is not well-formed XML: " + e.Message);
            return (null, errors);
        }
    }

    /// <summary>The envelope with only the includes present in the folder, and only the message elements they declare.</summary>
    private static string TrimEnvelope(Dictionary<string, string> files)
    {
        var envelope = XDocument.Parse(files["amzn-envelope.xsd"]);
        foreach (var include in envelope.Root!.Elements(Xsd + "include").ToList())
        {
            if (!files.ContainsKey((string)include.Attribute("schemaLocation")!)) include.Remove();
        }
        var declared = envelope.Root.Elements(Xsd + "include")
            .SelectMany(i => XDocument.Parse(files[(string)i.Attribute("schemaLocation")!]).Root!.Elements(Xsd + "element"))
            .Select(e => (string?)e.Attribute("name")).ToHashSet(StringComparer.Ordinal);
        foreach (var choice in envelope.Descendants(Xsd + "choice").Elements(Xsd + "element").ToList())
        {
            if (choice.Attribute("ref") is { } reference && !declared.Contains(reference.Value)) choice.Remove();
        }
        return envelope.ToString();
    }

    [GeneratedRegex(@"(<xsd:element name=""AmazonOrderItemCode"">\s*<xsd:simpleType>\s*<xsd:restriction base=""xsd:string"">\s*<xsd:pattern value="")\\d\{14\}(""/>)")]
    private static partial Regex ItemCodePattern();

    /// <summary>Serves the (adjusted) XSD texts for xsd:include, and nothing else.</summary>
    private sealed class InMemoryResolver(string folder, Dictionary<string, string> files) : XmlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            var name = Path.GetFileName(absoluteUri.LocalPath);
            return files.TryGetValue(name, out var text) && Path.GetFullPath(Path.GetDirectoryName(absoluteUri.LocalPath)!) == Path.GetFullPath(folder)
                ? new MemoryStream(Encoding.UTF8.GetBytes(text))
                : throw new XmlException($"{absoluteUri} is not one of the release_4_1 XSDs.");
        }
    }
}
