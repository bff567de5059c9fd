// Load a photo, resize it, save it as .rsg with a high-quality foreground region, load it back and save a PNG.
//
//   dotnet run --project samples/ImageSharpSample -c Release -- [input.png] [output-directory]
//
// Defaults: samples/kodim23.png (found from the current directory or above) and ./out.
using RegionCodec;
using RegionCodec.ImageSharp;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;

string input = args.Length > 0 ? args[0] : FindSample("samples/kodim23.png");
string outputDirectory = args.Length > 1 ? args[1] : "out";
Directory.CreateDirectory(outputDirectory);
string rsgPath = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(input) + ".rsg");
string pngPath = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(input) + ".roundtrip.png");

// One line makes .rsg a format of every Image.Load / Identify / Save in the app.
Configuration.Default.AddRsg();

using (Image image = Image.Load(input))
{
    image.Mutate(x => x.Resize(image.Width / 2, 0));

    // Foreground: the middle of the picture at quality 90; the rest at quality 30.
    var foreground = new Rectangle(image.Width / 4, image.Height / 4, image.Width / 2, image.Height / 2);
    image.SaveAsRsg(rsgPath, new RsgImageEncoder
    {
        Labels = RsgMasks.Rectangle(image.Size(), foreground),
        Regions = [new RsgRegion(Quality: 30), new RsgRegion(Quality: 90)],
    });
    Console.WriteLine($"{input} -> {rsgPath} ({image.Width}x{image.Height}, {new FileInfo(rsgPath).Length} bytes)");
}

using (Image loaded = Image.Load(rsgPath))
{
    RsgMetadata rsg = loaded.Metadata.GetRsgMetadata();
    int foregroundCells = rsg.Labels!.Labels.Count(label => label == 1);
    Console.WriteLine($"{rsgPath}: {loaded.Width}x{loaded.Height}, regions [{string.Join(", ", rsg.Regions.Select(r => r.Quality))}], " +
        $"{foregroundCells} of {rsg.Labels.Labels.Length} mask cells in the foreground; centre pixel is in region {rsg.LabelAtPixel(loaded.Width / 2, loaded.Height / 2)}");
    loaded.Save(pngPath);
    Console.WriteLine($"{rsgPath} -> {pngPath}");
}

static string FindSample(string relative)
{
    for (DirectoryInfo? dir = new(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        string candidate = Path.Combine(dir.FullName, relative);
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new FileNotFoundException($"{relative} not found here or above; pass an input image.");
}
