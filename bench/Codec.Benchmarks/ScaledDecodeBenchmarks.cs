using BenchmarkDotNet.Attributes;

namespace RegionCodec.Benchmarks;

/// <summary>
/// Reduced-size decoding (spec/rsg.md §16) against a full decode, on a large real photograph: a 3x3 mosaic of
/// Kodak photos (kodim01..09, 768x512 each, landscape ones only) tiled into 2304x1536 in memory, encoded at
/// quality 75, 4:2:0. Run with <c>--filter '*Scaled*'</c>. Serial decoding, so the ratio is per core.
/// </summary>
[MemoryDiagnoser]
public class ScaledDecodeBenchmarks
{
    private static readonly RsgDecoderOptions Serial = new() { MaxDegreeOfParallelism = 1 };

    private byte[] rsg = [];

    [Params(1, 2, 4, 8)]
    public int Scale { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (byte[] pixels, int width, int height) = KodakMosaic();
        rsg = RsgEncoder.Encode(pixels, width, height, width * 3, RsgPixelFormat.Rgb24,
            new RsgEncoderOptions { Quality = 75, Subsampling = RsgChromaSubsampling.Yuv420 });
        Console.WriteLine($"// Kodak 3x3 mosaic {width}x{height}: {rsg.Length:N0} bytes .rsg");
    }

    [Benchmark]
    public int DecodeScaled() => RsgDecoder.DecodeScaled(rsg, Scale, Serial).Pixels.Length;

    /// <summary>The first nine landscape Kodak photos (768x512) tiled 3x3.</summary>
    internal static (byte[] Pixels, int Width, int Height) KodakMosaic()
    {
        string folder = Path.GetDirectoryName(BenchImage.FallbackPath)!;
        List<RgbImage> tiles = [];
        for (int i = 1; i <= 24 && tiles.Count < 9; i++)
        {
            RgbImage image = RgbImage.Load(Path.Combine(folder, $"kodim{i:D2}.png"));
            if (image.Width == 768 && image.Height == 512)
            {
                tiles.Add(image);
            }
        }

        const int TileW = 768, TileH = 512, Width = TileW * 3, Height = TileH * 3;
        byte[] pixels = new byte[Width * Height * 3];
        for (int t = 0; t < tiles.Count; t++)
        {
            int ox = (t % 3) * TileW, oy = (t / 3) * TileH;
            for (int y = 0; y < TileH; y++)
            {
                tiles[t].Pixels.AsSpan(y * TileW * 3, TileW * 3).CopyTo(pixels.AsSpan((((oy + y) * Width) + ox) * 3));
            }
        }

        return (pixels, Width, Height);
    }
}
