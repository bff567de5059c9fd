using RegionCodec.Container;
using RegionCodec.Decoding;

namespace RegionCodec;

public static partial class RsgDecoder
{
    /// <summary>
    /// Decodes a whole file held in memory at reduced size, strips in parallel: 1/2, 1/4 or 1/8 of the
    /// width and height (rounded up), for thumbnails and previews (spec/rsg.md §16, informative).
    /// Every coefficient is still entropy-decoded (the bitstream is sequential), but at 1/8 no AC
    /// coefficient is dequantized and no inverse DCT runs: each 8x8 block becomes one pixel from its DC.
    /// At 1/2 and 1/4 each block is reconstructed exactly and box-averaged. A denominator of 1 is
    /// <see cref="Decode(ReadOnlyMemory{byte}, RsgDecoderOptions?, CancellationToken)"/>.
    /// The label map is always the full-size one.
    /// </summary>
    /// <param name="data">The whole file.</param>
    /// <param name="scaleDenominator">1, 2, 4 or 8.</param>
    /// <param name="options">Limits and parallelism; null for the defaults.</param>
    /// <param name="cancellationToken">Checked between strips.</param>
    /// <returns>An image of ceil(W / s) x ceil(H / s) pixels; <see cref="RsgImage.Info"/> still describes the file.</returns>
    public static RsgImage DecodeScaled(ReadOnlyMemory<byte> data, int scaleDenominator, RsgDecoderOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        int scaleLog2 = scaleDenominator switch
        {
            1 => 0,
            2 => 1,
            4 => 2,
            8 => 3,
            _ => throw new ArgumentOutOfRangeException(nameof(scaleDenominator), scaleDenominator, "The scale denominator must be 1, 2, 4 or 8."),
        };
        if (scaleLog2 == 0)
        {
            return Decode(data, options, cancellationToken);
        }

        options ??= RsgDecoderOptions.Default;
        ContainerIndex index = ContainerIndex.Read(data, options);
        FrameHeader h = index.Header;
        int channels = h.BytesPerPixel;
        int width = (h.Width + scaleDenominator - 1) >> scaleLog2;
        int height = (h.Height + scaleDenominator - 1) >> scaleLog2;
        int stride = width * channels;
        byte[] pixels = new byte[(long)stride * height];
        byte[] labels = new byte[(long)h.MaskWidth * h.MaskHeight];
        ForEachStrip(index, options, cancellationToken, (decoder, strip) =>
        {
            StripChunk chunk = index.Strips[strip];
            int top = h.StripTop(strip) >> scaleLog2;              // strips are a multiple of 8 rows high
            int rows = (h.StripRows(strip) + scaleDenominator - 1) >> scaleLog2;
            int maskTop = h.StripMaskTop(strip), maskRows = h.StripMaskRows(strip);
            Span<byte> mask = labels.AsSpan(maskTop * h.MaskWidth, maskRows * h.MaskWidth);
            Span<byte> destination = pixels.AsSpan(top * stride, rows * stride);
            decoder.Decode(chunk.PayloadIn(data.Span), chunk.PayloadOffset, strip, destination, stride, mask);
            DecodeLossless(data.Span, index, decoder, strip, destination, stride);
            DecodeAlpha(data.Span, index, decoder, strip, destination, stride);
        }, scaleLog2);
        return new RsgImage(index.Info, pixels, new RsgLabelMap(h.MaskWidth, h.MaskHeight, h.MaskCellSize, labels), scaleDenominator);
    }

    /// <summary>
    /// The largest denominator (1, 2, 4 or 8) whose reduced image still has a longest side of at least
    /// <paramref name="longestSide"/> pixels, i.e. the cheapest <see cref="DecodeScaled"/> to scale down from.
    /// </summary>
    public static int ChooseScaleDenominator(int width, int height, int longestSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(longestSide, 1);
        int longest = Math.Max(width, height);
        for (int s = 8; s > 1; s >>= 1)
        {
            if ((longest + s - 1) / s >= longestSide)
            {
                return s;
            }
        }

        return 1;
    }
}
