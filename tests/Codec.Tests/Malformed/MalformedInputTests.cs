using System.Buffers.Binary;

namespace RegionCodec.Tests;

/// <summary>
/// Hostile and broken files: each is rejected with the RsgError of the rule it breaks, at an offset
/// inside the file, by every decode path; nothing but <see cref="RsgFormatException"/> ever escapes.
/// </summary>
public partial class MalformedInputTests
{
    /// <summary>40x40 RGB 4:2:0, two regions on a 4-pixel mask, 16-row strips: 3 strips, a few hundred bytes.</summary>
    private static readonly Lazy<byte[]> LazySmall = new(() => TestImages.Astronaut.Crop(230, 200, 40, 40).Encode(
        new RsgEncoderOptions { Regions = [new(50), new(90)], StripHeight = 16 },
        RegionQualityTests.RectLabels(40, 40, 4, new(8, 12, 28, 32))));

    /// <summary>24x20 gray, one region, 8-row strips: 3 strips.</summary>
    private static readonly Lazy<byte[]> LazySmallGray = new(() => TestImages.Camera.Crop(200, 150, 24, 20).Encode(
        new RsgEncoderOptions { Quality = 80, StripHeight = 8 }));

    internal static byte[] Small => LazySmall.Value;

    internal static byte[] SmallGray => LazySmallGray.Value;

    [Fact]
    public void TheSmallFilesAreValidAndHaveSeveralStrips()
    {
        foreach (byte[] file in new[] { Small, SmallGray })
        {
            List<EditableChunk> chunks = RsgContainer.Parse(file);
            Assert.Equal(["RHDR", "RTAB", "STRP", "STRP", "STRP", "REND"], chunks.Select(c => c.TypeText));
            Assert.All(chunks, c => Assert.True(c.CrcIsValid));
            foreach ((string name, var decode) in DecodePaths.All)
            {
                RsgImageInfo info = decode(file, null);
                Assert.True(info.StripCount == 3, name);
            }
        }
    }

    internal static RsgFormatException AssertRejected(byte[] file, RsgError? expected,
        IEnumerable<(string Name, Func<byte[], RsgDecoderOptions?, RsgImageInfo> Decode)> paths,
        RsgDecoderOptions? options = null, (long Min, long Max)? at = null)
    {
        RsgFormatException? last = null;
        foreach ((string name, var decode) in paths)
        {
            RsgFormatException e;
            try
            {
                RsgImageInfo info = decode(file, options);
                throw new Xunit.Sdk.XunitException($"{name} accepted a {file.Length}-byte file (as {info.Width}x{info.Height}); expected {expected}");
            }
            catch (RsgFormatException caught)
            {
                e = caught;
            }
            catch (Exception other) when (other is not Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"{name} threw {other.GetType().Name} instead of RsgFormatException on a {file.Length}-byte file: {other}");
            }

            if (expected is not null)
            {
                Assert.True(e.Error == expected, $"{name}: {e.Error} ({e.Message}); expected {expected} on a {file.Length}-byte file");
            }

            Assert.True(e.Offset >= 0 && e.Offset <= file.Length, $"{name}: offset {e.Offset} outside the {file.Length}-byte file ({e.Message})");
            if (e.Error != RsgError.Truncated)
            {
                Assert.True(e.Offset < Math.Max(1, file.Length), $"{name}: offset {e.Offset} is not inside the {file.Length}-byte file ({e.Message})");
            }

            if (at is { } range)
            {
                Assert.True(e.Offset >= range.Min && e.Offset <= range.Max, $"{name}: offset {e.Offset} outside [{range.Min}, {range.Max}] ({e.Message})");
            }

            last = e;
        }

        return last!;
    }

    private static void AssertRejectedByIdentify(byte[] file, RsgError expected)
    {
        Assert.Equal(expected, Assert.Throws<RsgFormatException>(() => RsgDecoder.Identify(file)).Error);
        Assert.Equal(expected, Assert.Throws<RsgFormatException>(() => RsgDecoder.Identify(new TrickleStream(file, 3))).Error);
    }

    private static EditableChunk Renumber(EditableChunk strip, int index)
    {
        byte[] data = (byte[])strip.Data.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(data, (uint)index);
        return strip.WithData(data);
    }

    private static EditableChunk PickWeightedByLength(List<EditableChunk> chunks, Random random)
    {
        int total = chunks.Sum(c => c.Data.Length);
        int pick = random.Next(total);
        foreach (EditableChunk c in chunks)
        {
            if (pick < c.Data.Length)
            {
                return c;
            }

            pick -= c.Data.Length;
        }

        throw new InvalidOperationException();
    }

    private static void AssertConsistentDimensions(RsgImage image, byte[] file)
    {
        // Dimensions must be the ones the (possibly mutated) header declares.
        byte[] header = RsgContainer.Parse(file)[0].Data;
        int width = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        int height = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(5));
        int cell = 1 << header[11];
        Assert.Equal(width, image.Width);
        Assert.Equal(height, image.Height);
        Assert.Equal(width * height * ((header[9] == 1 ? 1 : 3) + (header[15] & 1)), image.Pixels.Length);
        Assert.Equal((width + cell - 1) / cell, image.Labels.Width);
        Assert.Equal((height + cell - 1) / cell, image.Labels.Height);
        Assert.Equal(image.Labels.Width * image.Labels.Height, image.Labels.Labels.Length);
        Assert.All(image.Labels.Labels, l => Assert.True(l < image.Info.Regions.Count));
    }
}
