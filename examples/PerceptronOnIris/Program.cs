using Hebb.Examples;
PerceptronOnIris.Run(Console.Out);
