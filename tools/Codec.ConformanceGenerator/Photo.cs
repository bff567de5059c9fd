using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.ConformanceGenerator;

/// <summary>Interleaved 8-bit pixels (gray, gray + alpha, RGB or RGBA: 1 to 4 channels) of a real photograph or a crop of one.</summary>
internal sealed record Photo(int Width, int Height, int Channels, byte[] Pixels)
{
    public static Photo Load(string path)
    {
        using Image<Rgb24> image = Image.Load<Rgb24>(path);
        byte[] pixels = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(pixels);
        return new Photo(image.Width, image.Height, 3, pixels);
    }

    /// <summary>An RGBA photograph (for example a cut-out with a feathered alpha edge).</summary>
    public static Photo LoadRgba(string path)
    {
        using Image<Rgba32> image = Image.Load<Rgba32>(path);
        byte[] pixels = new byte[image.Width * image.Height * 4];
        image.CopyPixelDataTo(pixels);
        return new Photo(image.Width, image.Height, 4, pixels);
    }

    /// <summary>The pixel layout of <see cref="Pixels"/>.</summary>
    public RsgPixelFormat Format => Channels switch
    {
        1 => RsgPixelFormat.Gray8,
        2 => RsgPixelFormat.GrayAlpha16,
        3 => RsgPixelFormat.Rgb24,
        _ => RsgPixelFormat.Rgba32,
    };

    /// <summary>This gray or RGB photograph with an alpha channel appended to every pixel.</summary>
    public Photo WithAlpha(Func<int, int, byte> alpha)
    {
        int channels = Channels + 1;
        byte[] pixels = new byte[Width * Height * channels];
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                int i = (y * Width) + x;
                Pixels.AsSpan(i * Channels, Channels).CopyTo(pixels.AsSpan(i * channels));
                pixels[(i * channels) + Channels] = alpha(x, y);
            }
        }

        return new Photo(Width, Height, channels, pixels);
    }

    /// <summary>Tiles same-sized photographs into a columns x rows mosaic.</summary>
    public static Photo Mosaic(int columns, int rows, Photo[] tiles)
    {
        int w = tiles[0].Width, h = tiles[0].Height;
        byte[] pixels = new byte[w * columns * h * rows * 3];
        for (int t = 0; t < tiles.Length; t++)
        {
            int ox = (t % columns) * w, oy = (t / columns) * h;
            for (int y = 0; y < h; y++)
            {
                tiles[t].Pixels.AsSpan(y * w * 3, w * 3).CopyTo(pixels.AsSpan((((oy + y) * w * columns) + ox) * 3));
            }
        }

        return new Photo(w * columns, h * rows, 3, pixels);
    }

    /// <summary>Row <paramref name="y"/> of <paramref name="source"/> stood on end: a 1 x <paramref name="height"/> image.</summary>
    public static Photo Column(Photo source, int y, int height)
    {
        Photo row = Row(source, y, height);
        return row with { Width = 1, Height = height };
    }

    /// <summary>Row <paramref name="y"/> of <paramref name="source"/>, its first <paramref name="width"/> columns.</summary>
    public static Photo Row(Photo source, int y, int width) => source.Crop(0, y, width, 1);

    public Photo Crop(int x, int y, int width, int height)
    {
        byte[] pixels = new byte[width * height * Channels];
        for (int r = 0; r < height; r++)
        {
            Pixels.AsSpan((((y + r) * Width) + x) * Channels, width * Channels).CopyTo(pixels.AsSpan(r * width * Channels));
        }

        return new Photo(width, height, Channels, pixels);
    }

    /// <summary>Luma by the BT.601 weights, rounded; an alpha channel is kept (RGBA becomes gray + alpha).</summary>
    public Photo Gray()
    {
        if (Channels <= 2)
        {
            return this;
        }

        int outChannels = Channels - 2;
        byte[] gray = new byte[Width * Height * outChannels];
        for (int i = 0; i < Width * Height; i++)
        {
            int s = i * Channels;
            gray[i * outChannels] = (byte)Math.Round((0.299 * Pixels[s]) + (0.587 * Pixels[s + 1]) + (0.114 * Pixels[s + 2]));
            if (Channels == 4)
            {
                gray[(i * outChannels) + 1] = Pixels[s + 3];
            }
        }

        return new Photo(Width, Height, outChannels, gray);
    }
}
