using System.Diagnostics;
using Xunit.Abstractions;

namespace RegionCodec.Fuzz.Tests;

/// <summary>
/// CI-sized fuzzing: deterministic mutations of the conformance files, each of which must decode to a
/// consistent image or fail with <see cref="RsgFormatException"/>, within a time and an allocation
/// bound (<see cref="FuzzTargets.AllocationBound"/>). The AFL++ campaigns (fuzz/run.sh) search much
/// further; this keeps the decoder honest on every build.
/// </summary>
public sealed class FuzzSmokeTests(ITestOutputHelper output)
{
    /// <summary>
    /// Limits for the smoke test: the library's default width and height caps, at most 2^20 pixels so
    /// that a mutated header cannot turn one input into seconds of legitimate work, single-threaded
    /// so every allocation is counted on this thread. (The default caps on huge images are tested in
    /// <see cref="ResourceLimitTests"/>.)
    /// </summary>
    private static readonly RsgDecoderOptions Limits = new() { MaxPixels = 1 << 20, MaxDegreeOfParallelism = 1 };

    /// <summary>
    /// Per input: 2 s plus 4 µs per declared (padded) pixel. Decoding is linear in the output; its worst
    /// case is a payload cut short, whose missing bytes decode every block with 63 maximal AC levels,
    /// about 0.6 µs per pixel on one core; the margin keeps a loaded 2-core CI machine from flaking.
    /// </summary>
    private static TimeSpan TimeBound(byte[] input) =>
        TimeSpan.FromSeconds(2) + TimeSpan.FromMicroseconds(4.0 * FuzzTargets.DeclaredPixels(input, Limits));

    /// <summary>240 per file in CI; set RSG_FUZZ_SMOKE_MUTATIONS to search further locally (same seeds, more inputs).</summary>
    private static readonly int MutationsPerFile =
        int.TryParse(Environment.GetEnvironmentVariable("RSG_FUZZ_SMOKE_MUTATIONS"), out int n) && n > 0 ? n : 240;

    /// <summary>The valid conformance files small enough to mutate thousands of times (all but the 3.5 MP photograph).</summary>
    public static TheoryData<string> SmallValidFiles()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(Paths.Conformance, "valid"), "*.rsg").Order(StringComparer.Ordinal))
        {
            if (new FileInfo(file).Length <= 32 * 1024)
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SmallValidFiles))]
    public void MutationsDecodeOrFailWithRsgFormatExceptionWithinBounds(string name)
    {
        byte[] file = File.ReadAllBytes(Path.Combine(Paths.Conformance, "valid", name));
        var mutator = new Mutator(file, seed: StableHash(name));
        var kinds = new Dictionary<string, (int Decoded, int Rejected)>();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < MutationsPerFile; i++)
        {
            (string kind, byte[] input) = mutator.Next(i);
            var started = Stopwatch.GetTimestamp();
            DecodeResult result;
            try
            {
                result = FuzzTargets.DecodeChecked(input, Limits);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{name} mutation {i} ({kind}): {e.GetType().Name}: {e.Message}\ninput: {Convert.ToHexString(input)}\n{e}");
            }

            TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
            Assert.True(elapsed < TimeBound(input), $"{name} mutation {i} ({kind}) took {elapsed.TotalMilliseconds:F0} ms\ninput: {Convert.ToHexString(input)}");

            // Every fourth input also goes through the streaming decoder in input-chosen pieces, which
            // must agree with the whole-buffer decode (split independence).
            if (i % 4 == 0)
            {
                int[] sizes = [1 + (i % 7), 1 + (i * 37 % 256), 1 + (i * 11 % 29)];
                try
                {
                    FuzzTargets.Split(SplitPlan.Compose(input, sizes), Limits);
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"{name} mutation {i} ({kind}), split [{string.Join(", ", sizes)}]: {e.Message}\ninput: {Convert.ToHexString(input)}");
                }
            }

            // Every eighth input also goes through ImageSharp's Image.Load with the plugin.
            if (i % 8 == 1)
            {
                try
                {
                    FuzzTargets.ImageSharp(input);
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"{name} mutation {i} ({kind}), Image.Load: {e.GetType().Name}: {e.Message}\ninput: {Convert.ToHexString(input)}\n{e}");
                }
            }

            (int decoded, int rejected) = kinds.GetValueOrDefault(kind);
            kinds[kind] = result.Image is null ? (decoded, rejected + 1) : (decoded + 1, rejected);
        }

        output.WriteLine($"{name}: {MutationsPerFile} mutations in {clock.ElapsedMilliseconds} ms");
        foreach ((string kind, (int decoded, int rejected)) in kinds.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {kind,-26} {decoded,4} decoded {rejected,4} rejected");
        }
    }

    [Fact]
    public void SubParsersAcceptAnyBytes()
    {
        // The mask and coefficient decoders read range-coded bits: any byte string decodes to something
        // or is rejected (R11, R12); nothing may throw.
        var random = new Random(7);
        for (int i = 0; i < 600; i++)
        {
            byte[] input = new byte[3 + random.Next(i % 3 == 0 ? 8 : 400)];
            random.NextBytes(input);
            FuzzTargets.Mask(input);
            FuzzTargets.Coefficients(input);
            FuzzTargets.Container([.. RsgConstants.Signature, .. input]);
        }
    }

    private static int StableHash(string text)
    {
        int hash = 17;
        foreach (char c in text)
        {
            hash = (hash * 31) + c;
        }

        return hash;
    }
}
