using System.Text.RegularExpressions;

namespace RegionCodec.Tests;

/// <summary>
/// Codec/README.md maps each pipeline stage to a spec section, a file and a method. This keeps the map
/// from drifting: every section exists in spec/rsg.md, every file exists and declares the method.
/// </summary>
public class CodecReadmeTests
{
    [Fact]
    public void EveryPipelineRowPointsAtAnExistingSectionFileAndMethod()
    {
        string root = Path.GetDirectoryName(Path.GetDirectoryName(TestImages.ConformanceFolder))!;
        string codec = Path.Combine(root, "Codec");
        string spec = File.ReadAllText(Path.Combine(root, "spec", "rsg.md"));
        string[] rows = File.ReadAllLines(Path.Combine(codec, "README.md"))
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| ---", StringComparison.Ordinal) && !line.StartsWith("| Pipeline stage", StringComparison.Ordinal))
            .ToArray();
        Assert.True(rows.Length >= 30, $"Codec/README.md's table has only {rows.Length} rows");

        foreach (string row in rows)
        {
            string[] cells = row.Split('|', StringSplitOptions.TrimEntries);
            string sections = cells[2], file = cells[3].Trim('`');
            foreach (Match section in Regex.Matches(sections, @"§(\d+(?:\.\d+)*)"))
            {
                Assert.True(Regex.IsMatch(spec, $@"(?m)^#+ {Regex.Escape(section.Groups[1].Value)}\.? "), $"spec/rsg.md has no section {section.Value} (row: {row})");
            }

            string path = Path.Combine(codec, file);
            Assert.True(File.Exists(path), $"Codec/{file} named in Codec/README.md does not exist");
            string source = File.ReadAllText(path);
            foreach (string method in cells[4].Split(',', StringSplitOptions.TrimEntries).Select(m => m.Trim('`')))
            {
                Assert.True(Regex.IsMatch(source, $@"\b{Regex.Escape(method)}\s*(<[^>]*>)?\("), $"Codec/{file} declares no method {method}");
            }
        }
    }
}
