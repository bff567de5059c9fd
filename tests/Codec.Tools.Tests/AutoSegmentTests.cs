using System.Text.Json;
using System.Text.RegularExpressions;

namespace RegionCodec.Tools.Tests;

/// <summary>rsgconv encode --segment auto: perceptual classes with the subject and face over them.</summary>
public sealed class AutoSegmentTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void EncodeAutoPrintsThePerceptualClassesThenSubjectAndFace()
    {
        RunResult r = _dir.Run("encode", Rsgconv.TestImage("astronaut.png"), "a.rsg", "--segment", "auto");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(string.Empty, r.Stderr);
        Dictionary<string, int> regions = Regions(r.Out);
        Assert.Equal(["busy", "textured", "moderate", "smooth", "flat", "subject", "face"], regions.Keys);
        Assert.True(regions["face"] > regions.Where(kv => kv.Key is not ("subject" or "face")).Max(kv => kv.Value), r.Out);
        Assert.True(regions["face"] >= regions["subject"], r.Out);

        using JsonDocument json = JsonDocument.Parse(_dir.Run("info", "a.rsg", "--json").Stdout);
        Assert.Equal(regions.Values, json.RootElement.GetProperty("regions").EnumerateArray().Select(e => e.GetProperty("quality").GetInt32()));
    }

    [Fact]
    public void EncodeAutoFaceQualityFollowsTheTargetAndCanBeSetByName()
    {
        RunResult low = _dir.Run("encode", Rsgconv.TestImage("astronaut.png"), "low.rsg", "--segment", "auto", "--quality", "40");
        RunResult high = _dir.Run("encode", Rsgconv.TestImage("astronaut.png"), "high.rsg", "--segment", "auto", "--quality", "75");
        Assert.True(low.ExitCode == 0 && high.ExitCode == 0, low + "\n" + high);
        Assert.True(Regions(low.Out)["face"] < Regions(high.Out)["face"], low.Out + high.Out);
        Assert.True(new FileInfo(_dir["low.rsg"]).Length < new FileInfo(_dir["high.rsg"]).Length);

        RunResult named = _dir.Run("encode", Rsgconv.TestImage("astronaut.png"), "n.rsg", "--segment", "auto", "--quality", "face=97,subject=88");
        Assert.True(named.ExitCode == 0, named.ToString());
        Assert.Equal(97, Regions(named.Out)["face"]);
        Assert.Equal(88, Regions(named.Out)["subject"]);
    }

    /// <summary>The "  auto: name q, name q, ..." line of encode's report, in label order.</summary>
    private static Dictionary<string, int> Regions(string stdout)
    {
        Match line = Regex.Match(stdout, @"^  auto: (.*)$", RegexOptions.Multiline);
        Assert.True(line.Success, stdout);
        return line.Groups[1].Value.Split(", ")
            .Select(p => p.Split(' '))
            .ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
