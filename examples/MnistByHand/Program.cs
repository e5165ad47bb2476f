using Hebb.Examples;
MnistByHand.Run(Console.Out, epochs: 20);
