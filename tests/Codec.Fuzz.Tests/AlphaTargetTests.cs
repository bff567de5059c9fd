using System.Buffers.Binary;

namespace RegionCodec.Fuzz.Tests;

/// <summary>
/// The alpha fuzz target (spec §9.4) on the conformance files' real ALPH payloads and on damaged ones: each
/// is decoded (or rejected as R14) and, when accepted, survives a re-encode; nothing else escapes.
/// </summary>
public sealed class AlphaTargetTests
{
    [Fact]
    public void ConformanceAlphaPayloadsAndTheirMutationsPassTheAlphaTarget()
    {
        var random = new Random(14);
        int payloads = 0;
        foreach (string file in Directory.EnumerateFiles(Path.Combine(Paths.Conformance, "valid"), "*.rsg").Order(StringComparer.Ordinal))
        {
            byte[] data = File.ReadAllBytes(file);
            int width = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(17));
            foreach (RsgChunk chunk in RsgChunk.Walk(data))
            {
                if (chunk.TypeText != "ALPH" || width > 256)
                {
                    continue;
                }

                byte[] input = [(byte)(width - 1), 15, .. chunk.DataIn(data)[4..]];
                FuzzTargets.Alpha(input);
                payloads++;
                for (int i = 0; i < 50 && input.Length > 2; i++)
                {
                    byte[] mutated = (byte[])input.Clone();
                    int position = 2 + random.Next(mutated.Length - 2);
                    mutated[position] ^= (byte)(1 << random.Next(8));
                    FuzzTargets.Alpha(mutated);
                }
            }
        }

        Assert.True(payloads >= 20, $"only {payloads} ALPH payloads in the conformance files");
    }

    [Fact]
    public void RandomPayloadsNeverEscapeTheAlphaTarget()
    {
        var random = new Random(9);
        for (int i = 0; i < 300; i++)
        {
            byte[] input = new byte[2 + random.Next(200)];
            random.NextBytes(input);
            FuzzTargets.Alpha(input);
        }
    }
}
