using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Shell.Tests;

public sealed class ThumbnailTests
{
    [Theory]
    [InlineData(768, 512, 256, 256, 171)]
    [InlineData(512, 768, 256, 171, 256)]
    [InlineData(2000, 1, 256, 256, 1)]
    [InlineData(1, 2000, 96, 1, 96)]
    [InlineData(100, 50, 256, 100, 50)]      // never enlarged
    [InlineData(1, 1, 32, 1, 1)]
    [InlineData(1023, 1024, 1024, 1023, 1024)]
    public void FitSizeKeepsAspectAndNeverEnlarges(int w, int h, int size, int ew, int eh) =>
        Assert.Equal((ew, eh), RsgThumbnailer.FitSize(w, h, size));

    [Theory]
    [InlineData(32)]
    [InlineData(96)]
    [InlineData(128)]
    [InlineData(256)]
    [InlineData(1024)]
    public void LargePhotoThumbnailHasTheRequestedLongestSideAndLooksLikeTheImage(int size)
    {
        byte[] file = File.ReadAllBytes(Repo.Valid("23-rgb420-3.5mp-photo.rsg"));
        RsgImage full = RsgDecoder.Decode(file);
        RsgThumbnail thumb = RsgThumbnailer.Render(file, size, ThumbnailPixelOrder.Rgba32);
        Assert.Equal(size, Math.Max(thumb.Width, thumb.Height));
        Assert.Equal(RsgThumbnailer.FitSize(full.Width, full.Height, size), (thumb.Width, thumb.Height));
        Assert.Equal(thumb.Width * thumb.Height * 4, thumb.Pixels.Length);

        // Compare with ImageSharp's box resize of the full decode.
        using Image<Rgb24> reference = Image.LoadPixelData<Rgb24>(full.Pixels, full.Width, full.Height);
        reference.Mutate(x => x.Resize(thumb.Width, thumb.Height, KnownResamplers.Box));
        long squared = 0;
        for (int y = 0; y < thumb.Height; y++)
        {
            for (int x = 0; x < thumb.Width; x++)
            {
                Rgb24 p = reference[x, y];
                int o = ((y * thumb.Width) + x) * 4;
                squared += Sq(p.R - thumb.Pixels[o]) + Sq(p.G - thumb.Pixels[o + 1]) + Sq(p.B - thumb.Pixels[o + 2]);
                Assert.Equal(255, thumb.Pixels[o + 3]);
            }
        }

        double psnr = 10 * Math.Log10(255.0 * 255 * 3 * thumb.Width * thumb.Height / Math.Max(squared, 1));
        Assert.True(psnr > 26, $"thumbnail {thumb.Width}x{thumb.Height}: PSNR {psnr:F1} dB against a box-resized full decode");
    }

    [Fact]
    public void BgraIsRgbaWithRedAndBlueSwapped()
    {
        byte[] file = File.ReadAllBytes(Repo.Valid("22-rgb420-portrait.rsg"));
        RsgThumbnail rgba = RsgThumbnailer.Render(file, 96, ThumbnailPixelOrder.Rgba32);
        RsgThumbnail bgra = RsgThumbnailer.Render(new MemoryStream(file), 96, ThumbnailPixelOrder.Bgra32);
        Assert.Equal((rgba.Width, rgba.Height), (bgra.Width, bgra.Height));
        for (int i = 0; i < rgba.Pixels.Length; i += 4)
        {
            Assert.Equal(rgba.Pixels[i], bgra.Pixels[i + 2]);
            Assert.Equal(rgba.Pixels[i + 1], bgra.Pixels[i + 1]);
            Assert.Equal(rgba.Pixels[i + 2], bgra.Pixels[i]);
            Assert.Equal(255, bgra.Pixels[i + 3]);
        }
    }

    [Fact]
    public void SmallAndGrayImagesKeepTheirPixels()
    {
        foreach (string name in new[] { "01-gray-1x1.rsg", "05-gray-7x5.rsg", "07-rgb444-17x13.rsg" })
        {
            byte[] file = File.ReadAllBytes(Repo.Valid(name));
            RsgImage full = RsgDecoder.Decode(file);
            RsgThumbnail thumb = RsgThumbnailer.Render(file, 256);
            Assert.Equal((full.Width, full.Height), (thumb.Width, thumb.Height));
            int channels = full.PixelFormat.BytesPerPixel();
            for (int p = 0; p < full.Width * full.Height; p++)
            {
                for (int c = 0; c < 3; c++)
                {
                    Assert.Equal(full.Pixels[(p * channels) + (channels == 1 ? 0 : c)], thumb.Pixels[(p * 4) + c]);
                }
            }
        }
    }

    [Fact]
    public void CorruptFilesThrowRsgFormatException()
    {
        foreach (string path in Directory.GetFiles(Repo.Invalid, "*.rsg"))
        {
            Assert.Throws<RsgFormatException>(() => RsgThumbnailer.Render(File.ReadAllBytes(path), 128));
        }
    }

    [Fact]
    public void PngWriterOutputReadsBack()
    {
        byte[] file = File.ReadAllBytes(Repo.Valid("11-rgb420-fg-bg-pixelmask.rsg"));
        RsgThumbnail thumb = RsgThumbnailer.Render(file, 64);
        foreach (bool opaque in new[] { true, false })
        {
            using var png = new MemoryStream();
            PngWriter.WriteRgba(png, thumb.Width, thumb.Height, thumb.Pixels, opaque);
            png.Position = 0;
            using Image<Rgba32> image = Image.Load<Rgba32>(png);
            Assert.Equal((thumb.Width, thumb.Height), (image.Width, image.Height));
            for (int y = 0; y < thumb.Height; y++)
            {
                for (int x = 0; x < thumb.Width; x++)
                {
                    int o = ((y * thumb.Width) + x) * 4;
                    Assert.Equal(new Rgba32(thumb.Pixels[o], thumb.Pixels[o + 1], thumb.Pixels[o + 2], 255), image[x, y]);
                }
            }
        }
    }

    private static long Sq(int d) => (long)d * d;

    [Fact]
    public void AlphaThumbnailsResampleColourByOpacitySoHiddenColourDoesNotBleed()
    {
        // Left 30 columns: pure red but fully transparent; the rest: opaque blue. 64x64 to a 48x48 thumbnail is a
        // full-size decode and an area resample, where output column 22 covers source columns 29.33..30.67.
        const int side = 64;
        byte[] rgba = new byte[side * side * 4];
        for (int i = 0; i < side * side; i++)
        {
            bool left = (i % side) < 30;
            (rgba[4 * i], rgba[(4 * i) + 1], rgba[(4 * i) + 2], rgba[(4 * i) + 3]) = left ? ((byte)255, (byte)0, (byte)0, (byte)0) : ((byte)0, (byte)0, (byte)255, (byte)255);
        }

        byte[] file = RsgEncoder.Encode(rgba, side, side, side * 4, RsgPixelFormat.Rgba32, new RsgEncoderOptions { Quality = 95, Subsampling = RsgChromaSubsampling.Yuv444 });
        RsgThumbnail thumb = RsgThumbnailer.Render(file, 48, ThumbnailPixelOrder.Rgba32);
        Assert.True(thumb.HasAlpha);
        Assert.Equal((48, 48), (thumb.Width, thumb.Height));
        for (int y = 0; y < 48; y++)
        {
            int edge = ((y * 48) + 22) * 4;
            Assert.InRange(thumb.Pixels[edge + 3], 120, 136);              // half the box is opaque (column 29 out, 30 in)
            Assert.True(thumb.Pixels[edge] < 60 && thumb.Pixels[edge + 2] > 190, $"edge pixel {thumb.Pixels[edge]},{thumb.Pixels[edge + 1]},{thumb.Pixels[edge + 2]} is not blue");
            Assert.Equal(0, thumb.Pixels[(y * 48 * 4) + 3]);                 // fully transparent on the left
            Assert.Equal(255, thumb.Pixels[(((y * 48) + 47) * 4) + 3]);      // opaque on the right
        }
    }
}
