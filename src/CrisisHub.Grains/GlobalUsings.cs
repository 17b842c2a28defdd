global using CrisisHub.Contracts;
global using Orleans;
global using Orleans.Runtime;
