using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using Hebb.Tests.Support;

namespace Hebb.Tests.Packaging;

/// <summary>
/// What a user gets from <c>dotnet pack</c>: the library package, used from a project of their own, and the tool,
/// installed with <c>dotnet tool install</c> and run as <c>hebb</c>.
/// </summary>
public sealed class PackageTests(PackedPackages packages) : IClassFixture<PackedPackages>
{
    [Fact]
    public void TheLibraryPackageCarriesItsReadmeLicenceRepositoryDocumentationAndSymbols()
    {
        using var package = ZipFile.OpenRead(packages.PathOf("Hebb"));
        var metadata = Nuspec(package);

        Assert.Equal("Hebb", Element(metadata, "id").Value);
        Assert.Equal("MIT", Element(metadata, "license").Value);
        Assert.Equal("expression", Element(metadata, "license").Attribute("type")?.Value);
        Assert.Equal("README.md", Element(metadata, "readme").Value);
        Assert.Equal("git", Element(metadata, "repository").Attribute("type")?.Value);
        Assert.Matches("^[0-9a-f]{40}$", Element(metadata, "repository").Attribute("commit")?.Value ?? "");
        Assert.Contains("Mlp.Note()", ReadEntry(package, "README.md"));
        Assert.NotNull(package.GetEntry("lib/net10.0/Hebb.dll"));
        var documentation = XDocument.Parse(ReadEntry(package, "lib/net10.0/Hebb.xml"));
        Assert.Contains(documentation.Descendants("member"), member => member.Attribute("name")?.Value == "T:Hebb.Layers.Dense");

        using var symbols = ZipFile.OpenRead(packages.PathOf("Hebb", "snupkg"));
        Assert.NotNull(symbols.GetEntry("lib/net10.0/Hebb.pdb"));
    }

    [Fact]
    public void TheToolPackagePointsToAPackageForThisPlatformThatHoldsOnlyItsOwnNativeLibraries()
    {
        using var pointer = ZipFile.OpenRead(packages.PathOf("Hebb.Cli"));
        Assert.Equal("README.md", Element(Nuspec(pointer), "readme").Value);
        Assert.Equal("MIT", Element(Nuspec(pointer), "license").Value);
        var settings = XDocument.Parse(ReadEntry(pointer, "tools/any/any/DotnetToolSettings.xml"));
        Assert.Equal("hebb", settings.Descendants("Command").Single().Attribute("Name")?.Value);
        var platformPackage = settings.Descendants("RuntimeIdentifierPackage").Single();
        Assert.Equal(packages.Platform, platformPackage.Attribute("RuntimeIdentifier")?.Value);
        Assert.Equal($"Hebb.Cli.{packages.Platform}", platformPackage.Attribute("Id")?.Value);

        var path = packages.PathOf($"Hebb.Cli.{packages.Platform}");
        using var tool = ZipFile.OpenRead(path);
        // The whole point of a package per platform: SkiaSharp's native library for this platform, no other.
        Assert.DoesNotContain(tool.Entries, entry => entry.FullName.Contains("/runtimes/", StringComparison.Ordinal));
        Assert.Single(tool.Entries, entry => Path.GetFileNameWithoutExtension(entry.Name) == "libSkiaSharp");
        Assert.Single(tool.Entries, entry => entry.FullName.EndsWith($"/{packages.Platform}/Hebb.xml", StringComparison.Ordinal));
        Assert.InRange(new FileInfo(path).Length, 1_000_000, 20_000_000);
        Assert.True(File.Exists(packages.PathOf($"Hebb.Cli.{packages.Platform}", "snupkg")));
    }

    [Fact]
    public void OnLinuxTheToolIsANativeExecutableAndElsewhereReadyToRunAssemblies()
    {
        using var tool = ZipFile.OpenRead(packages.PathOf($"Hebb.Cli.{packages.Platform}"));
        var assemblies = tool.Entries.Where(entry => entry.Name.EndsWith(".dll", StringComparison.Ordinal)).ToList();
        if (PackedPackages.IsCompiledToNativeCode)
        {
            // Native AOT: one executable (self-contained, hence 'any' for the framework) and no .NET assembly, no
            // runtime to start; its 31 MB of native symbols are left out.
            var executable = tool.GetEntry($"tools/any/{packages.Platform}/Hebb.Cli") ?? throw new Xunit.Sdk.XunitException("no native Hebb.Cli");
            Assert.Equal("\u007fELF"u8.ToArray(), ReadBytes(executable, 4));
            Assert.Empty(assemblies);
            Assert.DoesNotContain(tool.Entries, entry => entry.Name.EndsWith(".dbg", StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains(assemblies, entry => entry.FullName == $"tools/net10.0/{packages.Platform}/Hebb.Cli.dll");
        }
    }

    [Fact]
    public void TheInstalledToolTrainsAndPredicts()
    {
        var tools = Path.Combine(packages.Scratch, "tools");
        DotnetCommand.Run(packages.Scratch, "tool", "install", "Hebb.Cli", "--tool-path", tools,
            "--add-source", packages.Folder, "--version", packages.Version).Succeeded("dotnet tool install");
        var hebb = Path.Combine(tools, OperatingSystem.IsWindows() ? "hebb.exe" : "hebb");
        var model = Path.Combine(packages.Scratch, "model.safetensors");

        var training = DotnetCommand.RunProgram(hebb, packages.Scratch, "train", "--epochs", "1", "--output", model)
            .Succeeded("hebb train");
        Assert.Matches(@"epoch +1 +loss [0-9.]+ +train accuracy 0\.[0-9]+", training.Output);
        Assert.True(File.Exists(model));

        var predictions = DotnetCommand.RunProgram(hebb, packages.Scratch, "predict", "--model", model, "--count", "20", "--json")
            .Succeeded("hebb predict");
        var lines = predictions.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(20, lines.Length);
        var predicted = lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("predicted").GetInt32()).ToArray();
        Assert.All(predicted, label => Assert.InRange(label, 0, 9));
        // One epoch of the note's network gets about 78% of the test digits right; 20 of them, at least 10.
        var actual = lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("actual").GetInt32());
        Assert.True(predicted.Zip(actual).Count(pair => pair.First == pair.Second) >= 10, predictions.Output);
    }

    [Fact]
    public void AProjectThatReferencesTheLibraryPackageBuildsAndRuns()
    {
        var project = Path.Combine(packages.Scratch, "consumer");
        Directory.CreateDirectory(project);
        // Empty build files stop MSBuild from picking up any that lie above the temporary folder.
        File.WriteAllText(Path.Combine(project, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(project, "Directory.Build.targets"), "<Project />");
        // The user's own package sources, and the folder the packages were packed into.
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <add key="packed-here" value="{packages.Folder}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Hebb" Version="{packages.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            using Hebb.Data;
            using Hebb.Layers;
            using Hebb.Training;

            var (train, test, _) = MnistData.LoadBuiltInSample();
            var model = Mlp.Note();
            model.Fit(train.Slice(0, 2000), test, new TrainingOptions { Epochs = 1 });
            Console.WriteLine($"accuracy {Evaluation.Run(model, test).Accuracy:F4}");
            """);

        var run = DotnetCommand.Run(project, "run", "-c", "Release").Succeeded("dotnet run of the consumer project");

        var accuracy = double.Parse(run.Output.Split('\n').Single(line => line.StartsWith("accuracy ", StringComparison.Ordinal))["accuracy ".Length..],
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(accuracy, 0.3, 1.0);
    }

    private static XElement Nuspec(ZipArchive package) =>
        XDocument.Parse(ReadEntry(package, package.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).FullName))
            .Root!.Elements().Single(element => element.Name.LocalName == "metadata");

    private static XElement Element(XElement metadata, string name) =>
        metadata.Elements().Single(element => element.Name.LocalName == name);

    private static byte[] ReadBytes(ZipArchiveEntry entry, int count)
    {
        using var stream = entry.Open();
        var bytes = new byte[count];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static string ReadEntry(ZipArchive package, string name)
    {
        var entry = package.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"{name} is not in the package");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
