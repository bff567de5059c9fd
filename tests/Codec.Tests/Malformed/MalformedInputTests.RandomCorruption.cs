namespace RegionCodec.Tests;

// Random corruption: bit flips only ever cause RsgFormatException.
public partial class MalformedInputTests
{
    [Fact]
    public void RandomBitFlipsOnlyEverCauseRsgFormatException()
    {
        byte[] original = Small;
        List<EditableChunk> chunks = RsgContainer.Parse(original);
        var limits = new RsgDecoderOptions { MaxWidth = 1024, MaxHeight = 1024, MaxPixels = 1 << 16 };
        var random = new Random(20240601);
        int succeeded = 0, rejected = 0;
        var errors = new HashSet<RsgError>();
        for (int trial = 0; trial < 2000; trial++)
        {
            bool recomputeCrcs = trial % 2 == 0;
            byte[] file;
            if (recomputeCrcs)
            {
                // Flip bits inside chunk data only, then make every CRC right again: the parser and the
                // entropy decoder see the damage instead of the CRC check.
                List<EditableChunk> mutated = [.. chunks.Select(c => c.Clone())];
                int flips = random.Next(1, 5);
                for (int f = 0; f < flips; f++)
                {
                    EditableChunk target = PickWeightedByLength(mutated, random);
                    int bit = random.Next(target.Data.Length * 8);
                    target.Data[bit >> 3] ^= (byte)(1 << (bit & 7));
                }

                mutated.ForEach(c => c.Recrc());
                file = RsgContainer.Build(mutated);
            }
            else
            {
                file = (byte[])original.Clone();
                int flips = random.Next(1, 5);
                for (int f = 0; f < flips; f++)
                {
                    int bit = random.Next(file.Length * 8);
                    file[bit >> 3] ^= (byte)(1 << (bit & 7));
                }
            }

            RsgImage? fromMemory = null, fromStream = null;
            RsgFormatException? memoryError = null, streamError = null;
            try
            {
                fromMemory = DecodePaths.Memory(file, parallelism: 2, limits);
            }
            catch (RsgFormatException e)
            {
                memoryError = e;
            }
            catch (Exception e)
            {
                Assert.Fail($"trial {trial} (CRCs {(recomputeCrcs ? "recomputed" : "kept")}): Decode(memory) threw {e}\nfile: {Convert.ToHexString(file)}");
            }

            try
            {
                fromStream = DecodePaths.Stream(file, maxRead: 13, limits);
            }
            catch (RsgFormatException e)
            {
                streamError = e;
            }
            catch (Exception e)
            {
                Assert.Fail($"trial {trial} (CRCs {(recomputeCrcs ? "recomputed" : "kept")}): Decode(stream) threw {e}\nfile: {Convert.ToHexString(file)}");
            }

            foreach (RsgFormatException? e in new[] { memoryError, streamError })
            {
                if (e is not null)
                {
                    Assert.InRange(e.Offset, 0, file.Length);
                    Assert.True(Enum.IsDefined(e.Error), $"undefined error {e.Error}");
                    errors.Add(e.Error);
                }
            }

            Assert.True((fromMemory is null) == (fromStream is null),
                $"trial {trial}: memory path {(memoryError?.Error.ToString() ?? "succeeded")}, stream path {(streamError?.Error.ToString() ?? "succeeded")}");
            if (fromMemory is not null)
            {
                succeeded++;
                AssertConsistentDimensions(fromMemory, file);
                Assert.Equal(fromMemory.Pixels, fromStream!.Pixels);
                Assert.Equal(fromMemory.Labels.Labels, fromStream.Labels.Labels);
            }
            else
            {
                rejected++;
            }
        }

        // Both outcomes happen, and the corruption reaches past the CRC check into the payload decoders
        // (measured: 614 decoded, 1386 rejected with 11 different errors).
        Assert.True(rejected > 1000, $"only {rejected} of 2000 mutations were rejected");
        Assert.True(succeeded > 0, "no mutation decoded: the recomputed-CRC half never reached the entropy decoder successfully");
        Assert.Contains(RsgError.BadCrc, errors);
        Assert.True(errors.Count >= 4, $"errors seen: {string.Join(", ", errors)}");
    }
}
