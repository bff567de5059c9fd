namespace RegionCodec.Fuzz.Tests;

/// <summary>
/// The lossless fuzz target (spec §9.5) on the conformance files' real LOSS payloads, their mutations and random
/// bytes: every payload decodes to valid colours and survives a re-encode; nothing escapes. And the decode target
/// on the lossless conformance files with flipped bits: rejected with a rule or decoded, never anything else.
/// </summary>
public sealed class LosslessTargetTests
{
    [Fact]
    public void ConformanceLosslessPayloadsAndTheirMutationsPassTheLosslessTarget()
    {
        var random = new Random(13);
        int payloads = 0;
        foreach (string file in Directory.EnumerateFiles(Path.Combine(Paths.Conformance, "valid"), "*.rsg").Order(StringComparer.Ordinal))
        {
            byte[] data = File.ReadAllBytes(file);
            foreach (RsgChunk chunk in RsgChunk.Walk(data))
            {
                if (chunk.TypeText != "LOSS")
                {
                    continue;
                }

                // All labels lossless, colour then gray: the real payload's decisions drive a full plane.
                byte[] input = [127, 15, 0xFF, .. chunk.DataIn(data)[4..]];
                FuzzTargets.Lossless(input);
                input[1] |= 64;
                FuzzTargets.Lossless(input);
                payloads++;
                for (int i = 0; i < 20 && input.Length > 3; i++)
                {
                    byte[] mutated = (byte[])input.Clone();
                    int position = 3 + random.Next(mutated.Length - 3);
                    mutated[position] ^= (byte)(1 << random.Next(8));
                    mutated[2] = (byte)random.Next(256);
                    FuzzTargets.Lossless(mutated);
                }
            }
        }

        Assert.True(payloads >= 10, $"only {payloads} LOSS payloads in the conformance files");
    }

    [Fact]
    public void RandomPayloadsNeverEscapeTheLosslessTarget()
    {
        var random = new Random(21);
        for (int i = 0; i < 300; i++)
        {
            byte[] input = new byte[3 + random.Next(300)];
            random.NextBytes(input);
            FuzzTargets.Lossless(input);
        }
    }

    [Fact]
    public void DamagedLosslessFilesPassTheDecodeTarget()
    {
        var random = new Random(5);
        foreach (string file in Directory.EnumerateFiles(Path.Combine(Paths.Conformance, "valid"), "5*.rsg").Order(StringComparer.Ordinal))
        {
            byte[] data = File.ReadAllBytes(file);
            FuzzTargets.Decode(data);
            for (int i = 0; i < 30; i++)
            {
                byte[] mutated = (byte[])data.Clone();
                mutated[8 + random.Next(mutated.Length - 8)] ^= (byte)(1 << random.Next(8));
                FuzzTargets.Decode(mutated);
            }
        }
    }
}
