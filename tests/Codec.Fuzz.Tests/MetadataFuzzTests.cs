using System.Buffers.Binary;
using System.IO.Hashing;

namespace RegionCodec.Fuzz.Tests;

/// <summary>
/// The metadata parsers (spec §3.3, §4.8–§4.11) under the fuzz targets: conformance file 43 carries all four
/// chunks; each input rewrites one of them (bytes flipped, cut or grown, CRC recomputed so the parser, not
/// the CRC check, sees it) and goes through the decode target (decode, identify, the two compared) and the
/// ImageSharp target (the plugin's mapping). Pixels never change, and the item is kept or dropped as the
/// spec's validity rules say.
/// </summary>
public sealed class MetadataFuzzTests
{
    private static readonly string[] Types = ["iCCP", "eXIf", "xMPp", "rNAM"];

    [Fact]
    public void RewrittenMetadataChunksAreKeptOrIgnoredAndNeverChangePixels()
    {
        byte[] file = File.ReadAllBytes(Path.Combine(Paths.Conformance, "valid", "43-rgb420-all-metadata-named.rsg"));
        byte[] pixels = RsgDecoder.Decode(file).Pixels;
        var random = new Random(43);
        var kept = new Dictionary<string, (int Kept, int Dropped)>();
        for (int i = 0; i < 400; i++)
        {
            string type = Types[i % Types.Length];
            byte[] input = Rewrite(file, type, random);
            FuzzTargets.Decode(input);
            if (i % 4 == 0)
            {
                FuzzTargets.ImageSharp(input);
            }

            RsgImage image = RsgDecoder.Decode(input);
            Assert.Equal(pixels, image.Pixels);
            bool present = type switch
            {
                "iCCP" => image.Info.Metadata.IccProfile is not null,
                "eXIf" => image.Info.Metadata.Exif is not null,
                "xMPp" => image.Info.Metadata.Xmp is not null,
                _ => image.Info.Regions.Any(r => r.Name is not null),
            };
            (int k, int d) = kept.GetValueOrDefault(type);
            kept[type] = present ? (k + 1, d) : (k, d + 1);
        }

        // Both outcomes happen for every type: the parsers are reached and do decide.
        foreach (string type in Types)
        {
            Assert.True(kept[type].Kept > 0 && kept[type].Dropped > 0, $"{type}: kept {kept[type].Kept}, dropped {kept[type].Dropped}");
        }
    }

    /// <summary><paramref name="file"/> with the data of its <paramref name="type"/> chunk mutated, length and CRC rewritten.</summary>
    private static byte[] Rewrite(byte[] file, string type, Random random)
    {
        var output = new List<byte>(file.Length + 64);
        output.AddRange(file[..8]);
        foreach (RsgChunk chunk in RsgChunk.Walk(file))
        {
            byte[] data = chunk.DataIn(file).ToArray();
            if (chunk.TypeText == type)
            {
                data = Mutate(data, random);
            }

            byte[] head = new byte[8];
            BinaryPrimitives.WriteUInt32BigEndian(head, (uint)data.Length);
            BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(4), chunk.Type);
            output.AddRange(head);
            output.AddRange(data);
            byte[] crc = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.HashToUInt32([.. head[4..], .. data]));
            output.AddRange(crc);
        }

        return [.. output];
    }

    private static byte[] Mutate(byte[] data, Random random)
    {
        switch (random.Next(5))
        {
            case 0: // one byte changed, anywhere (often in a name or the middle of a profile: still well-formed)
                byte[] copy = [.. data];
                copy[random.Next(copy.Length)] = (byte)random.Next(256);
                return copy;
            case 1: // a byte near the start changed (length fields, TIFF header, ICC size field)
                byte[] head = [.. data];
                head[random.Next(Math.Min(8, head.Length))] ^= (byte)(1 << random.Next(8));
                return head;
            case 2: // cut short
                return data[..random.Next(data.Length)];
            case 3: // grown by a few bytes
                return [.. data, .. Enumerable.Range(0, 1 + random.Next(4)).Select(_ => (byte)random.Next(256))];
            default: // left as it is
                return data;
        }
    }
}
