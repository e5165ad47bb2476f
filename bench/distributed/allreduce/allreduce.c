/*
 * How long Open MPI takes to sum N floats in place over the ranks, alone: MPI_Allreduce (the tuned blocking one) and
 * MPI_Iallreduce + MPI_Wait (libnbc's), each timed REPS times after 20 untimed calls; rank 0 prints the median, the
 * 10th and 90th percentiles and the mean in milliseconds. It needs no libopenmpi-dev: the few declarations it uses are
 * Open MPI 4.1's (its handles are exported objects), and it links libmpi.so.40 directly.
 *
 *   gcc -O2 -o /tmp/allreduce bench/distributed/allreduce/allreduce.c /usr/lib/x86_64-linux-gnu/libmpi.so.40
 *   flock /work/bench.lock mpirun -np 2 --bind-to none [--mca ...] /tmp/allreduce [N=266610] [REPS=500]
 *
 * 266,610 floats are the gradients of the course note's 784-300-100-10 network.
 */
#include <stdio.h>
#include <stdlib.h>

typedef void *MPI_Comm, *MPI_Datatype, *MPI_Op, *MPI_Request;
extern char ompi_mpi_comm_world[], ompi_mpi_float[], ompi_mpi_op_sum[];
#define MPI_COMM_WORLD ((MPI_Comm)ompi_mpi_comm_world)
#define MPI_FLOAT ((MPI_Datatype)ompi_mpi_float)
#define MPI_SUM ((MPI_Op)ompi_mpi_op_sum)
#define MPI_IN_PLACE ((void *)1)
#define MPI_STATUS_IGNORE ((void *)0)
int MPI_Init(int *, char ***);
int MPI_Finalize(void);
int MPI_Comm_rank(MPI_Comm, int *);
int MPI_Allreduce(const void *, void *, int, MPI_Datatype, MPI_Op, MPI_Comm);
int MPI_Iallreduce(const void *, void *, int, MPI_Datatype, MPI_Op, MPI_Comm, MPI_Request *);
int MPI_Wait(MPI_Request *, void *);
int MPI_Barrier(MPI_Comm);
double MPI_Wtime(void);

static int ascending(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    int n = argc > 1 ? atoi(argv[1]) : 266610, reps = argc > 2 ? atoi(argv[2]) : 500;
    float *values = malloc(sizeof(float) * n);
    double *seconds = malloc(sizeof(double) * reps);
    for (int i = 0; i < n; i++) values[i] = 1e-6f * i;
    for (int nonblocking = 0; nonblocking < 2; nonblocking++) {
        for (int i = 0; i < 20; i++) MPI_Allreduce(MPI_IN_PLACE, values, n, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD);
        MPI_Barrier(MPI_COMM_WORLD);
        for (int r = 0; r < reps; r++) {
            double start = MPI_Wtime();
            if (nonblocking) {
                MPI_Request request;
                MPI_Iallreduce(MPI_IN_PLACE, values, n, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD, &request);
                MPI_Wait(&request, MPI_STATUS_IGNORE);
            } else
                MPI_Allreduce(MPI_IN_PLACE, values, n, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD);
            seconds[r] = MPI_Wtime() - start;
            for (int i = 0; i < n; i++) values[i] *= 0.5f; /* keeps the sums finite */
        }
        qsort(seconds, reps, sizeof(double), ascending);
        double sum = 0;
        for (int r = 0; r < reps; r++) sum += seconds[r];
        if (rank == 0)
            printf("%s of %d floats: median %.3f ms, 10th percentile %.3f, 90th %.3f, mean %.3f\n",
                   nonblocking ? "MPI_Iallreduce + MPI_Wait" : "MPI_Allreduce", n, 1e3 * seconds[reps / 2],
                   1e3 * seconds[reps / 10], 1e3 * seconds[reps * 9 / 10], 1e3 * sum / reps);
    }
    MPI_Finalize();
    return 0;
}
