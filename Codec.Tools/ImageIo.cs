using RegionCodec.ImageSharp;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Tools;

/// <summary>Reading inputs (a path or "-" for standard input) and writing images in the formats ImageSharp knows.</summary>
internal static class ImageIo
{
    /// <summary>ImageSharp's formats plus .rsg (so an .rsg file can be an encode input, e.g. to re-encode at a new size).</summary>
    public static Configuration Configuration { get; } = CreateConfiguration();

    private static Configuration CreateConfiguration()
    {
        var configuration = new Configuration(
            new SixLabors.ImageSharp.Formats.Png.PngConfigurationModule(),
            new SixLabors.ImageSharp.Formats.Jpeg.JpegConfigurationModule(),
            new SixLabors.ImageSharp.Formats.Gif.GifConfigurationModule(),
            new SixLabors.ImageSharp.Formats.Bmp.BmpConfigurationModule(),
            new SixLabors.ImageSharp.Formats.Pbm.PbmConfigurationModule(),
            new SixLabors.ImageSharp.Formats.Tga.TgaConfigurationModule(),
            new SixLabors.ImageSharp.Formats.Tiff.TiffConfigurationModule(),
            new SixLabors.ImageSharp.Formats.Webp.WebpConfigurationModule(),
            new RsgConfigurationModule());

        // One buffer per image, so an encode input can be read in place instead of copied (see LoadSource).
        configuration.PreferContiguousImageBuffers = true;
        return configuration;
    }

    /// <summary>All bytes of a file, or of standard input for "-".</summary>
    public static byte[] ReadAll(string path, CancellationToken cancellationToken)
    {
        if (path != "-")
        {
            ThrowIfDirectory(path);
            return File.ReadAllBytes(path);
        }

        using Stream stdin = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        stdin.CopyToAsync(buffer, cancellationToken).GetAwaiter().GetResult();
        return buffer.ToArray();
    }

    /// <summary>An input file, or standard input for "-".</summary>
    public static Stream OpenRead(string path)
    {
        if (path == "-")
        {
            return Console.OpenStandardInput();
        }

        ThrowIfDirectory(path);
        return File.OpenRead(path);
    }

    /// <summary>Opening a directory fails with "access denied", which misleads: say what it is.</summary>
    private static void ThrowIfDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            throw new IOException("is a directory (to convert a directory: rsgconv batch DIR OUTDIR)");
        }
    }

    /// <summary>Packed RGB (3 bytes per pixel) of any image ImageSharp (or the .rsg plugin) reads.</summary>
    public static (byte[] Rgb, int Width, int Height) LoadRgb(byte[] data)
    {
        if (data.Length == 0)
        {
            throw new InvalidDataException("empty input");
        }

        using Image<Rgb24> image = LoadImage<Rgb24>(new MemoryStream(data, writable: false));
        var rgb = new byte[checked(image.Width * image.Height * 3)];
        image.CopyPixelDataTo(rgb);
        return (rgb, image.Width, image.Height);
    }

    /// <summary>
    /// An encode input opened for <see cref="LoadSource(Stream, bool)"/>: the file itself (seekable, read as the decoder
    /// needs it, never wholly into memory), or standard input read into memory for "-".
    /// </summary>
    public static Stream OpenInput(string path, CancellationToken cancellationToken) =>
        path == "-" ? new MemoryStream(ReadAll(path, cancellationToken), writable: false) : OpenRead(path);

    /// <summary>
    /// The pixels of any image ImageSharp (or the .rsg plugin) reads from <paramref name="input"/> (seekable), with its
    /// alpha when some pixel is not fully opaque (PNG, WebP, TGA, TIFF, GIF transparency), else packed RGB; and its ICC
    /// profile, EXIF and XMP (those an .rsg file can carry; a PNG's iCCP read here, as ImageSharp 2.1 does not). RGB and
    /// RGBA inputs keep the decoded image's own buffer (<see cref="SourceImage.Owner"/>): a large input is held once.
    /// </summary>
    /// <param name="input">A seekable stream, from its current position.</param>
    /// <param name="withinDecoderLimits">Refuse (before decoding the pixels) an image beyond the default decoder limits: an encode input without --allow-large.</param>
    public static SourceImage LoadSource(Stream input, bool withinDecoderLimits = false)
    {
        long start = input.Position;
        if (input.Length - start == 0)
        {
            throw new InvalidDataException("empty input");
        }

        IImageInfo? header = Image.Identify(Configuration, input, out IImageFormat? format);
        input.Position = start;
        if (withinDecoderLimits && header is not null && !RsgLimits.WithinDefaults(header.Width, header.Height))
        {
            throw new ImageTooLargeException(header.Width, header.Height);
        }

        byte[]? icc = PngIccChunk.Read(input);

        // JPEG, PPM/PGM/PBM and 24- or 48-bit pixel types (RGB PNG and TIFF) have no alpha: decode straight to RGB.
        // (ImageSharp 2.1 reports a PPM's bits per sample, 8, as its bits per pixel, hence the format test.)
        if (format is SixLabors.ImageSharp.Formats.Jpeg.JpegFormat or SixLabors.ImageSharp.Formats.Pbm.PbmFormat || header?.PixelType.BitsPerPixel is 24 or 48)
        {
            return Own(LoadImage<Rgb24>(input), RsgPixelFormat.Rgb24, icc);
        }

        Image<Rgba32> image = LoadImage<Rgba32>(input);
        if (!IsOpaque(image))
        {
            return Own(image, RsgPixelFormat.Rgba32, icc);
        }

        // Opaque: the same packed RGB as an input without alpha, so the encode is as before.
        using (image)
        {
            int width = image.Width;
            var rgb = new byte[checked(width * image.Height * 3)];
            image.ProcessPixelRows(rows =>
            {
                for (int y = 0; y < rows.Height; y++)
                {
                    PixelOperations<Rgba32>.Instance.ToRgb24Bytes(Configuration, rows.GetRowSpan(y), rgb.AsSpan(y * width * 3, width * 3), width);
                }
            });
            return new SourceImage(rgb, width, image.Height, RsgPixelFormat.Rgb24, MetadataOf(image, icc));
        }
    }

    /// <summary>An input whose pixels are <paramref name="image"/>'s own buffer (contiguous, see <see cref="CreateConfiguration"/>), or a packed copy if it is not.</summary>
    private static SourceImage Own<TPixel>(Image<TPixel> image, RsgPixelFormat format, byte[]? icc)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        RsgImageMetadata? metadata = MetadataOf(image, icc);
        if (image.DangerousTryGetSinglePixelMemory(out Memory<TPixel> memory))
        {
            return new SourceImage(new ByteMemory<TPixel>(memory).Memory, image.Width, image.Height, format, metadata) { Owner = image };
        }

        using (image)
        {
            var packed = new byte[checked(image.Width * image.Height * format.BytesPerPixel())];
            image.CopyPixelDataTo(packed);
            return new SourceImage(packed, image.Width, image.Height, format, metadata);
        }
    }

    /// <summary>The ICC profile, EXIF and XMP an .rsg file can carry from <paramref name="image"/> (<paramref name="pngIcc"/>: a PNG's iCCP, which ImageSharp 2.1 does not read).</summary>
    private static RsgImageMetadata? MetadataOf(Image image, byte[]? pngIcc)
    {
        image.Metadata.IccProfile ??= pngIcc is not null ? new SixLabors.ImageSharp.Metadata.Profiles.Icc.IccProfile(pngIcc) : null;
        return RsgProfiles.FromImage(image.Metadata);
    }

    private static bool IsOpaque(Image<Rgba32> image)
    {
        bool opaque = true;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height && opaque; y++)
            {
                foreach (Rgba32 pixel in rows.GetRowSpan(y))
                {
                    if (pixel.A != 255)
                    {
                        opaque = false;
                        break;
                    }
                }
            }
        });
        return opaque;
    }

    /// <summary>Decodes with ImageSharp; its NotSupportedException (a feature of a known format it does not read) becomes typed here, where it can only mean that.</summary>
    private static Image<TPixel> LoadImage<TPixel>(Stream data)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        try
        {
            return Image.Load<TPixel>(Configuration, data);
        }
        catch (NotSupportedException e)
        {
            throw new UnsupportedImageException(e.Message, e);
        }
    }

    /// <summary>The format for an output: --format if given, else the output's extension, else PNG for standard output.</summary>
    public static string FormatName(string output, string? format)
    {
        string name = (format ?? (output == "-" ? "png" : Path.GetExtension(output).TrimStart('.'))).ToLowerInvariant();
        if (name.Length == 0)
        {
            throw new UsageException($"cannot tell the image format of '{output}' from its name; add an extension or --format png|jpg|bmp|...");
        }

        if (name is "ppm" or "pgm" or "pnm")
        {
            return name;
        }

        if (name == "rsg")
        {
            throw new UsageException($"decode writes ordinary images; to convert to .rsg use 'rsgconv encode'");
        }

        return FindEncoderFormat(name) is null
            ? throw new UsageException($"unknown output format '{name}' (png, jpg, bmp, gif, tga, tiff, webp, ppm, pgm, pnm)")
            : name;
    }

    public static IImageFormat? FindEncoderFormat(string extension) => Configuration.ImageFormatsManager.FindFormatByFileExtension(extension);

    /// <summary>
    /// Encodes <paramref name="image"/> with ImageSharp, metadata included as far as the format carries it: PNG gets
    /// eXIf and iTXt XMP from ImageSharp and its iCCP from <see cref="PngIccChunk"/>; JPEG gets APP2 ICC and APP1
    /// EXIF and XMP from ImageSharp.
    /// </summary>
    public static void Save(Image image, Stream stream, string format)
    {
        IImageFormat f = FindEncoderFormat(format) ?? throw new UsageException($"unknown output format '{format}'");
        IImageEncoder encoder = Configuration.ImageFormatsManager.FindEncoder(f) ?? throw new UsageException($"no encoder for '{format}'");
        if (f is SixLabors.ImageSharp.Formats.Png.PngFormat && image.Metadata.IccProfile is { } profile)
        {
            using var png = new MemoryStream();
            image.Save(png, encoder);
            byte[] icc = profile.ToByteArray();
            bool gray = image is Image<L8> or Image<La16>;
            // PNG allows only a GRAY profile on a gray image and an RGB one on a colour image (an RGB file
            // encoded with --gray keeps its RGB profile, which a gray PNG may not carry).
            stream.Write(PngIccChunk.FitsColourSpace(icc, gray) ? PngIccChunk.Insert(png.ToArray(), icc) : png.ToArray());
            return;
        }

        if (stream.CanSeek)
        {
            image.Save(stream, encoder);
            return;
        }

        // Some encoders seek; buffer for pipes.
        using var buffer = new MemoryStream();
        image.Save(buffer, encoder);
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    /// <summary>An ImageSharp image of decoded pixels, carrying <paramref name="metadata"/> (ICC, EXIF, XMP) when given.</summary>
    public static Image ToImage(byte[] pixels, int width, int height, RsgPixelFormat format, RsgImageMetadata? metadata = null)
    {
        Image image = format switch
        {
            RsgPixelFormat.Gray8 => Image.LoadPixelData<L8>(Configuration, pixels, width, height),
            RsgPixelFormat.GrayAlpha16 => Image.LoadPixelData<La16>(Configuration, pixels, width, height),
            RsgPixelFormat.Rgba32 => Image.LoadPixelData<Rgba32>(Configuration, pixels, width, height),
            _ => Image.LoadPixelData<Rgb24>(Configuration, pixels, width, height),
        };
        if (metadata is not null)
        {
            RsgProfiles.Apply(metadata, image.Metadata);
        }

        return image;
    }

    /// <summary>Output formats that keep an alpha channel; the others (jpg, bmp, gif, ppm/pgm/pnm) lose it.</summary>
    public static bool KeepsAlpha(string format) => format is "png" or "webp" or "tga" or "tif" or "tiff";

    /// <summary>One line on standard error when an image's alpha cannot go into <paramref name="format"/>.</summary>
    public static void WarnIfAlphaDropped(RsgImageInfo info, string output, string format)
    {
        if (info.HasAlpha && !KeepsAlpha(format))
        {
            Console.Error.WriteLine($"rsgconv: warning: {Errors.Display(output)}: {format} has no alpha channel; the image's alpha is dropped (use png or webp to keep it)");
        }
    }

    public static string FormatBytes(long bytes) => bytes switch
    {
        < 10_000 => $"{bytes} B",
        < 10_000_000 => $"{bytes / 1000.0:F1} KB",
        _ => $"{bytes / 1_000_000.0:F1} MB",
    };
}
