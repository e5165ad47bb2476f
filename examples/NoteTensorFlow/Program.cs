using System.Globalization;
using Hebb.Examples;

// dotnet run --project examples/NoteTensorFlow -c Release -- [--epochs N] [--data DIR] [--fully-connected] [--save FILE]
const string usage = "usage: NoteTensorFlow [--epochs N] [--data DIR] [--fully-connected] [--save FILE]";
int epochs = 20;
string? data = null;
string save = "my_model_final.safetensors";
bool fullyConnected = false;
for (int i = 0; i < args.Length; i++)
{
    string? Value() => i + 1 < args.Length ? args[++i] : null;
    switch (args[i])
    {
        case "--epochs" when int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out epochs) && epochs >= 1: break;
        case "--data" when (data = Value()) is not null: break;
        case "--save" when Value() is { } path: save = path; break;
        case "--fully-connected": fullyConnected = true; break;
        default:
            Console.Error.WriteLine($"NoteTensorFlow: unexpected '{args[i]}' or a missing or bad value; {usage}");
            return 2;
    }
}
NoteTensorFlow.Run(Console.Out, epochs, data, savePath: save, fullyConnected: fullyConnected);
return 0;
