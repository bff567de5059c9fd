using System.IO.Pipelines;

namespace RegionCodec.Tests;

/// <summary>
/// A sink that offers its own rows (<see cref="IRsgDirectRowSink"/>) gets the same pixels and labels as the plain
/// decode on every decode path, with alpha and lossless regions too; strips whose rows it declines arrive by OnRows.
/// </summary>
public class DirectRowSinkTests
{
    public static TheoryData<string> Files() =>
    [
        "rgb420-cell1", "gray-cell4", "rgb444-dc", "odd-33x17", "wide-300x37", "tall-9x200", "parrot-alpha", "screen-lossless",
    ];

    private static readonly Dictionary<string, Lazy<byte[]>> Extra = new()
    {
        ["parrot-alpha"] = new(() => TestImages.ParrotCutout.Encode(new RsgEncoderOptions { Quality = 75, StripHeight = 16 })),
        ["screen-lossless"] = new(() => TestImages.ScreenMessages.Encode(
            new RsgEncoderOptions { Regions = [new(40), new(100, RsgRegionMode.Lossless)], StripHeight = 32 },
            RegionQualityTests.RectLabels(TestImages.ScreenMessages.Width, TestImages.ScreenMessages.Height, 8, new(40, 24, 360, 200)))),
    };

    private static byte[] File(string name) => Extra.TryGetValue(name, out Lazy<byte[]>? file) ? file.Value : StreamingDecodeTests.File(name);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task EveryDecodePathWritesTheSamePixelsInPlace(string name)
    {
        byte[] file = File(name);
        RsgImage reference = DecodePaths.Memory(file, parallelism: 1);
        Assert.True(reference.Info.StripCount > 1, $"{name} has only one strip");

        foreach (bool declineOddStrips in new[] { false, true })
        {
            var paths = new List<(string Path, DirectSink Sink)>();
            foreach (int parallelism in new[] { 1, 4 })
            {
                var sink = new DirectSink(declineOddStrips);
                RsgDecoder.Decode(file, sink, new RsgDecoderOptions { MaxDegreeOfParallelism = parallelism });
                paths.Add(($"memory, {parallelism} threads", sink));
            }

            var streamed = new DirectSink(declineOddStrips);
            RsgDecoder.Decode(new TrickleStream(file, 1000), streamed);
            paths.Add(("stream", streamed));
            var piped = new DirectSink(declineOddStrips);
            var pipe = new Pipe();
            await pipe.Writer.WriteAsync(file);
            await pipe.Writer.CompleteAsync();
            await RsgDecoder.DecodeAsync(pipe.Reader, piped);
            paths.Add(("pipe", piped));

            foreach ((string path, DirectSink sink) in paths)
            {
                string what = $"{name}, {path}, declining odd strips: {declineOddStrips}";
                Assert.True(reference.Pixels.AsSpan().SequenceEqual(sink.Pixels()), $"{what}: pixels differ from the plain decode");
                Assert.True(reference.Labels.Labels.AsSpan().SequenceEqual(sink.Mask!.Labels), $"{what}: labels differ");
                Assert.True(sink.PaddingUntouched(), $"{what}: the decoder wrote past a row into the stride's padding");

                // Rows written in place never come back by OnRows; declined strips always do, once.
                int[] expected = Enumerable.Range(0, reference.Info.StripCount).Where(s => declineOddStrips && s % 2 == 1).ToArray();
                Assert.Equal(expected, sink.StripsByOnRows.Order().ToArray());
            }
        }
    }

    [Fact]
    public void RowsThatDoNotFitTheStrideAreRejected()
    {
        byte[] file = File("odd-33x17");
        var sink = new DirectSink(declineOddStrips: false, strideShortfall: 1);
        Assert.Throws<InvalidOperationException>(() => RsgDecoder.Decode(file, sink, new RsgDecoderOptions { MaxDegreeOfParallelism = 1 }));
    }

    /// <summary>Holds the image with 7 bytes of padding (0xA5) after each row; declines odd strips when asked.</summary>
    private sealed class DirectSink(bool declineOddStrips, int strideShortfall = 0) : IRsgDirectRowSink
    {
        private const byte Padding = 0xA5;
        private byte[] _buffer = [];
        private int _rowBytes, _stride, _stripHeight;

        public RsgLabelMap? Mask { get; private set; }

        public List<int> StripsByOnRows { get; } = [];

        public void OnInfo(RsgImageInfo info)
        {
            _rowBytes = info.Width * info.PixelFormat.BytesPerPixel();
            _stride = _rowBytes + 7;
            _stripHeight = info.StripHeight;
            _buffer = new byte[_stride * info.Height];
            _buffer.AsSpan().Fill(Padding);
            Mask = RsgLabelMap.ForDecoding(info);
        }

        public Span<byte> GetRows(int firstRow, int rowCount, out int stride)
        {
            stride = _stride - (strideShortfall * 8);
            return declineOddStrips && firstRow / _stripHeight % 2 == 1
                ? default
                : _buffer.AsSpan(firstRow * _stride, (_stride * (rowCount - 1)) + _rowBytes);
        }

        public void OnRows(int firstRow, int rowCount, ReadOnlySpan<byte> pixels, int stride)
        {
            lock (StripsByOnRows)
            {
                StripsByOnRows.Add(firstRow / _stripHeight);
            }

            for (int r = 0; r < rowCount; r++)
            {
                pixels.Slice(r * stride, _rowBytes).CopyTo(_buffer.AsSpan((firstRow + r) * _stride));
            }
        }

        public void OnMaskRows(int firstMaskRow, int rowCount, ReadOnlySpan<byte> labels) =>
            Mask!.CopyMaskRows(firstMaskRow, rowCount, labels);

        public byte[] Pixels()
        {
            int height = _buffer.Length / _stride;
            byte[] packed = new byte[_rowBytes * height];
            for (int y = 0; y < height; y++)
            {
                _buffer.AsSpan(y * _stride, _rowBytes).CopyTo(packed.AsSpan(y * _rowBytes));
            }

            return packed;
        }

        public bool PaddingUntouched()
        {
            for (int y = 0; y < _buffer.Length / _stride; y++)
            {
                if (_buffer.AsSpan((y * _stride) + _rowBytes, _stride - _rowBytes).IndexOfAnyExcept(Padding) >= 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
