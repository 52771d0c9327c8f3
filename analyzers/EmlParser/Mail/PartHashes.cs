namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>The four hashes of a part's decoded bytes, lower-case hex.</summary>
internal sealed record PartHashes(string Md5, string Sha1, string Sha256, string Sha512);
