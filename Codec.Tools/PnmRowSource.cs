namespace RegionCodec.Tools;

/// <summary>
/// The rows of a binary 8-bit PPM (P6) or PGM (P5) file, read straight from the file as the encoder asks for them
/// (<see cref="IRsgRowSource"/>), so a huge input is never held in memory. Other PNM variants (ASCII, 16-bit, maxval
/// other than 255, PBM) are left to ImageSharp.
/// </summary>
internal sealed class PnmRowSource : IRsgRowSource
{
    private readonly Stream _input;
    private readonly long _dataStart;
    private readonly int _channels;
    private byte[] _rgbRows = [];

    private PnmRowSource(Stream input, long dataStart, int width, int height, int channels)
    {
        _input = input;
        _dataStart = dataStart;
        Width = width;
        Height = height;
        _channels = channels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Rgb24 for a PPM, Gray8 for a PGM; <see cref="AsGray"/> turns a PPM's rows into Gray8.</summary>
    public RsgPixelFormat Format => _channels == 1 || AsGray ? RsgPixelFormat.Gray8 : RsgPixelFormat.Rgb24;

    /// <summary>Hand out a PPM's gray levels (its G samples): for a file whose R, G and B are equal everywhere.</summary>
    public bool AsGray { get; set; }

    /// <summary>
    /// A row source for <paramref name="input"/> (seekable, at the start of the file) when it is a binary 8-bit PPM or
    /// PGM; else null, with the stream back where it was. Throws <see cref="InvalidDataException"/> when the file ends
    /// before its last pixel (checked before anything is encoded).
    /// </summary>
    public static PnmRowSource? TryOpen(Stream input)
    {
        long start = input.Position;
        if (!input.CanSeek || ReadHeader(input) is not (int width, int height, int channels) || width < 1 || height < 1)
        {
            input.Position = start;
            return null;
        }

        long needed = (long)width * height * channels, present = input.Length - input.Position;
        if (present < needed)
        {
            throw new InvalidDataException($"truncated {(channels == 3 ? "PPM" : "PGM")}: {width}x{height} needs {needed} bytes of samples, the file has {present}");
        }

        return new PnmRowSource(input, input.Position, width, height, channels);
    }

    /// <summary>Whether every pixel's R, G and B are equal (a PGM always is); reads the whole file once, in row blocks.</summary>
    public bool IsGrayContent(CancellationToken cancellationToken)
    {
        if (_channels == 1)
        {
            return true;
        }

        int rowBytes = Width * 3;
        int blockRows = Math.Max(1, (1 << 20) / rowBytes);
        byte[] block = new byte[blockRows * rowBytes];
        _input.Position = _dataStart;
        try
        {
            for (int row = 0; row < Height; row += blockRows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int rows = Math.Min(blockRows, Height - row);
                _input.ReadExactly(block, 0, rows * rowBytes);
                if (!RsgGrayInput.IsGray(block, Width, rows, rowBytes, RsgPixelFormat.Rgb24))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            _input.Position = _dataStart;
        }
    }

    /// <summary>The file's own layout: Rgb24 for a PPM, Gray8 for a PGM.</summary>
    public RsgPixelFormat FileFormat => _channels == 1 ? RsgPixelFormat.Gray8 : RsgPixelFormat.Rgb24;

    /// <summary>
    /// Back to the first row, for another pass over the file (the segmentation reads it before the encode), handing out
    /// a PPM's gray levels from now on when <paramref name="asGray"/> (<see cref="AsGray"/>).
    /// </summary>
    public PnmRowSource Rewind(bool asGray)
    {
        AsGray = asGray;
        _input.Position = _dataStart;
        return this;
    }

    public void ReadRows(Span<byte> destination, int rowCount)
    {
        if (Format != RsgPixelFormat.Gray8 || _channels == 1)
        {
            _input.ReadExactly(destination);
            return;
        }

        int rgbBytes = rowCount * Width * 3;
        if (_rgbRows.Length < rgbBytes)
        {
            _rgbRows = new byte[rgbBytes];
        }

        _input.ReadExactly(_rgbRows, 0, rgbBytes);
        RsgGrayInput.CopyGray(_rgbRows, Width, rowCount, Width * 3, RsgPixelFormat.Rgb24, destination);
    }

    /// <summary>The header's width, height and channel count, with the stream left at the first sample; null when not a binary 8-bit PPM/PGM.</summary>
    private static (int Width, int Height, int Channels)? ReadHeader(Stream input)
    {
        if (input.ReadByte() != 'P')
        {
            return null;
        }

        int channels = input.ReadByte() switch { '6' => 3, '5' => 1, _ => 0 };
        if (channels == 0 || ReadNumber(input) is not int width || ReadNumber(input) is not int height || ReadNumber(input) is not 255)
        {
            return null;
        }

        // ReadNumber consumed exactly one whitespace byte after maxval, as the format requires before the samples.
        return (width, height, channels);
    }

    /// <summary>A decimal number after whitespace and # comments, and the one whitespace byte that ends it; null if malformed.</summary>
    private static int? ReadNumber(Stream input)
    {
        int b = input.ReadByte();
        while (b is ' ' or '\t' or '\n' or '\r' or '\v' or '\f' or '#')
        {
            if (b == '#')
            {
                while (b is not ('\n' or '\r' or -1))
                {
                    b = input.ReadByte();
                }
            }

            b = input.ReadByte();
        }

        long value = 0;
        int digits = 0;
        while (b is >= '0' and <= '9')
        {
            value = (value * 10) + (b - '0');
            if (++digits > 9)
            {
                return null;
            }

            b = input.ReadByte();
        }

        return digits > 0 && b is ' ' or '\t' or '\n' or '\r' or '\v' or '\f' ? (int)value : null;
    }
}
