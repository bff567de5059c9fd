using System.Security.Cryptography;

namespace RegionCodec.Tests;

/// <summary>
/// Every file in spec/conformance decodes to the SHA-256 in its manifest (valid files, by every decode
/// path), or is rejected with the rule its name gives (invalid files).
/// </summary>
public sealed class ConformanceTests
{
    private static readonly string Root = TestImages.ConformanceFolder;

    public static TheoryData<string> ValidFiles() => Entries("valid/");

    public static TheoryData<string> InvalidFiles() => Entries("invalid/");

    [Fact]
    public void ManifestListsEveryFileAndEnoughOfThem()
    {
        string[] listed = [.. File.ReadAllLines(Path.Combine(Root, "manifest.txt")).Select(l => l.Split(' ')[0])];
        string[] present = [.. Directory.GetFiles(Root, "*.rsg", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))];
        Assert.Equal(present.Order(), listed.Order());
        Assert.True(listed.Count(l => l.StartsWith("valid/", StringComparison.Ordinal)) >= 20);
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void ValidFileDecodesToItsHash(string name)
    {
        string[] fields = Line(name).Split(' ');
        string[] size = fields[1].Split('x');
        string pixelHash = fields[4]["pixels-sha256=".Length..];
        string labelHash = fields[5]["labels-sha256=".Length..];
        byte[] file = File.ReadAllBytes(Path.Combine(Root, name));

        RsgImage whole = RsgDecoder.Decode(file, new RsgDecoderOptions { MaxDegreeOfParallelism = 4 });
        Assert.Equal(int.Parse(size[0]), whole.Width);
        Assert.Equal(int.Parse(size[1]), whole.Height);
        Assert.Equal(fields[2], whole.PixelFormat.ToString());
        Assert.Equal(pixelHash, Convert.ToHexStringLower(SHA256.HashData(whole.Pixels)));
        Assert.Equal(labelHash, Convert.ToHexStringLower(SHA256.HashData(whole.Labels.Labels)));

        using var stream = new MemoryStream(file);
        RsgImage streamed = RsgDecoder.Decode(stream);
        Assert.Equal(pixelHash, Convert.ToHexStringLower(SHA256.HashData(streamed.Pixels)));
        Assert.Equal(labelHash, Convert.ToHexStringLower(SHA256.HashData(streamed.Labels.Labels)));

        // The metadata fields, by every path: whole buffer, stream and identify (which stops at the first strip).
        foreach (RsgImageInfo info in new[] { whole.Info, streamed.Info, RsgDecoder.Identify(file) })
        {
            AssertMetadata(fields, info);
        }
    }

    [Fact]
    public void MetadataFilesCoverEveryCaseTheSpecTableNames()
    {
        string[] lines = [.. File.ReadAllLines(Path.Combine(Root, "manifest.txt")).Where(l => l.StartsWith("valid/4", StringComparison.Ordinal))];
        Assert.Equal(8, lines.Length);
        Assert.Contains(lines, l => Field(l.Split(' '), "icc-sha256") != "absent" && Field(l.Split(' '), "names") != "absent");
        Assert.Contains(lines, l => Field(l.Split(' '), "names").Contains("null", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("duplicate", StringComparison.Ordinal) && l.Contains("misplaced", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("malformed", StringComparison.Ordinal) && l.Split(' ').Count(f => f.EndsWith("=absent", StringComparison.Ordinal)) == 4);
        Assert.Contains(lines, l => l.Contains("only empty names, then a named duplicate", StringComparison.Ordinal) && Field(l.Split(' '), "names") == "absent");
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void InvalidFileIsRejectedWithItsRule(string name)
    {
        string expected = Line(name).Split(' ')[2];
        byte[] file = File.ReadAllBytes(Path.Combine(Root, name));
        RsgFormatException whole = Assert.Throws<RsgFormatException>(() => RsgDecoder.Decode(file));
        Assert.Equal(expected, whole.Error.ToString());
        Assert.InRange(whole.Offset, 0, file.Length);

        using var stream = new MemoryStream(file);
        RsgFormatException streamed = Assert.Throws<RsgFormatException>(() => RsgDecoder.Decode(stream));
        Assert.Equal(expected, streamed.Error.ToString());
        Assert.StartsWith($"R{(int)whole.Error:D2}-", Path.GetFileName(name));
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void CheckContainerRejectsContainerRulesAndLeavesPayloadRulesToDecoding(string name)
    {
        byte[] file = File.ReadAllBytes(Path.Combine(Root, name));
        RsgFormatException decoded = Assert.Throws<RsgFormatException>(() => RsgDecoder.Decode(file));
        if (decoded.Error is RsgError.BadMask or RsgError.BadCoefficient or RsgError.BadAlpha)
        {
            // Only decoding a payload finds these; the container around them is sound.
            Assert.Equal(RsgDecoder.Identify(file).Regions, RsgDecoder.CheckContainer(file).Regions);
            return;
        }

        RsgFormatException checkedOnly = Assert.Throws<RsgFormatException>(() => RsgDecoder.CheckContainer(file));
        Assert.Equal((decoded.Error, decoded.Offset), (checkedOnly.Error, checkedOnly.Offset));
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void CheckContainerReportsWhatIdentifyReports(string name)
    {
        byte[] file = File.ReadAllBytes(Path.Combine(Root, name));
        RsgImageInfo identified = RsgDecoder.Identify(file), checkedInfo = RsgDecoder.CheckContainer(file);
        Assert.Equal((identified.Width, identified.Height, identified.PixelFormat, identified.HasAlpha), (checkedInfo.Width, checkedInfo.Height, checkedInfo.PixelFormat, checkedInfo.HasAlpha));
        Assert.Equal(identified.Regions, checkedInfo.Regions);
    }

    /// <summary>Checks icc-sha256, exif-sha256, xmp-sha256 and names (spec/conformance/README.md step 4).</summary>
    private static void AssertMetadata(string[] fields, RsgImageInfo info)
    {
        Assert.Equal(Field(fields, "icc-sha256"), HashOrAbsent(info.Metadata.IccProfile));
        Assert.Equal(Field(fields, "exif-sha256"), HashOrAbsent(info.Metadata.Exif));
        Assert.Equal(Field(fields, "xmp-sha256"), HashOrAbsent(info.Metadata.Xmp));
        string names = Field(fields, "names");
        if (names == "absent")
        {
            Assert.All(info.Regions, r => Assert.Null(r.Name));
            return;
        }

        string?[] expected = System.Text.Json.JsonSerializer.Deserialize<string?[]>(names)!;
        Assert.Equal(expected, info.Regions.Select(r => r.Name));
    }

    private static string Field(string[] fields, string key) =>
        fields.Single(f => f.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];

    private static string HashOrAbsent(byte[]? data) => data is null ? "absent" : Convert.ToHexStringLower(SHA256.HashData(data));

    private static string Line(string name) =>
        File.ReadAllLines(Path.Combine(Root, "manifest.txt")).Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));

    private static TheoryData<string> Entries(string prefix)
    {
        var data = new TheoryData<string>();
        foreach (string line in File.ReadAllLines(Path.Combine(Root, "manifest.txt")))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                data.Add(line.Split(' ')[0]);
            }
        }

        return data;
    }
}
