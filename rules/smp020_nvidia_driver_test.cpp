#include "rules/rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMP020();
}

using sagelint::rules::rule_SMP020;
using sagelint::rules::testing::run_cases;

TEST_CASE("SMP020 flags driver packages installed by package managers") {
  run_cases(
      rule_SMP020(),
      {
          {"cuda-drivers",
           "FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y cuda-drivers\n",
           {"2:42-2:54"}},
          {"cuda meta-package", "FROM ubuntu:22.04\nRUN apt-get install -y cuda\n", {"2:24-2:28"}},
          {"cuda-12-4 meta-package",
           "FROM ubuntu:22.04\nRUN apt install -y cuda-12-4\n",
           {"2:20-2:29"}},
          {"nvidia-driver",
           "FROM ubuntu:22.04\nRUN apt-get install -y --no-install-recommends nvidia-driver-535\n",
           {"2:48-2:65"}},
          {"versioned libnvidia-compute",
           "FROM ubuntu:22.04\nRUN apt-get install -y libnvidia-compute-535=535.1\n",
           {"2:24-2:51"}},
          {"yum",
           "FROM rockylinux:9\nRUN yum install -y nvidia-driver-latest-dkms\n",
           {"2:20-2:45"}},
          {"dnf module",
           "FROM rockylinux:9\nRUN dnf module install -y nvidia-driver:latest-dkms\n",
           {"2:27-2:52"}},
          {"zypper",
           "FROM opensuse/leap\nRUN zypper --non-interactive install nvidia-utils-G06\n",
           {"2:38-2:54"}},
          {"apk", "FROM alpine\nRUN apk add --no-cache nvidia-smi\n", {"2:24-2:34"}},
          {"microdnf", "FROM ubi9\nRUN microdnf install cuda-drivers-550\n", {"2:22-2:38"}},
          {"sudo and env prefix",
           "FROM ubuntu:22.04\nRUN DEBIAN_FRONTEND=noninteractive sudo apt-get install -y "
           "nvidia-utils-535\n",
           {"2:60-2:76"}},
          {"package from an ARG",
           "FROM ubuntu:22.04\nARG DRV=nvidia-driver-535\nRUN apt-get install -y $DRV\n",
           {"3:24-3:28"}},
          {"dpkg -i of a driver package file",
           "FROM ubuntu:22.04\nRUN dpkg -i /tmp/nvidia-driver-535_535.1_amd64.deb\n",
           {"2:13-2:51"}},
          {"continuation line",
           "FROM ubuntu:22.04\nRUN apt-get update \\\n && apt-get install -y \\\n      "
           "cuda-drivers\n",
           {"4:7-4:19"}},
          {"heredoc script",
           "FROM ubuntu:22.04\nRUN <<EOF\napt-get install -y cuda-drivers\nEOF\n",
           {"3:20-3:32"}},
          {"inherited base stage",
           "FROM ubuntu:22.04 AS base\nRUN apt-get install -y cuda\nFROM base\n",
           {"2:24-2:28"}},
      });
}

// The same driver component as each distribution spells it, names held in shell
// variables, and installer names with unknown ARGs.
TEST_CASE("SMP020 flags distribution spellings, shell variables and runfiles named by ARGs") {
  run_cases(
      rule_SMP020(),
      {
          {"Ubuntu server branch",
           "FROM ubuntu:22.04\nRUN apt-get install -y nvidia-driver-535-server "
           "libnvidia-compute-535-server\n",
           {"2:24-2:48", "2:49-2:77"}},
          {"Debian and NVIDIA repo kernel modules",
           "FROM debian:12\nRUN apt-get install -y nvidia-kernel-open-dkms firmware-nvidia-gsp "
           "libcuda1\n",
           {"2:24-2:47", "2:48-2:67", "2:68-2:76"}},
          {"Ubuntu prebuilt modules",
           "FROM ubuntu:22.04\nRUN apt-get install -y linux-modules-nvidia-535-server-generic "
           "nvidia-headless-no-dkms-535\n",
           {"2:24-2:63", "2:64-2:91"}},
          {"RHEL spellings",
           "FROM rockylinux:9\nRUN dnf install -y nvidia-driver-cuda nvidia-driver-cuda-libs "
           "kmod-nvidia-open-dkms\n",
           {"2:20-2:38", "2:39-2:62", "2:63-2:84"}},
          {"RPM Fusion spellings",
           "FROM fedora:40\nRUN dnf install -y akmod-nvidia xorg-x11-drv-nvidia-cuda-libs\n",
           {"2:20-2:32", "2:33-2:62"}},
          {"SUSE G06 spellings",
           "FROM opensuse/leap:15.6\nRUN zypper -n install nvidia-gl-G06 nvidia-compute-G06 "
           "x11-video-nvidiaG06 nvidia-video-G06\n",
           {"2:23-2:36", "2:37-2:55", "2:56-2:75", "2:76-2:92"}},
          {"SUSE kmp with version",
           "FROM opensuse/leap:15.6\nRUN zypper install -y "
           "nvidia-open-driver-G06-signed-kmp-default-550.54.14\n",
           {"2:23-2:74"}},
          {"RPM file name",
           "FROM rockylinux:9\nRUN rpm -ivh "
           "/tmp/kmod-nvidia-latest-dkms-460.32.03-1.el8.x86_64.rpm\n",
           {"2:14-2:69"}},
          {"variable assigned earlier",
           "FROM ubuntu:22.04\nRUN PKGS=\"nvidia-driver-535 libnvidia-compute-535\"; apt-get "
           "install -y $PKGS\n",
           {"2:72-2:77"}},
          {"exported variable in braces",
           "FROM rockylinux:9\nRUN export DRV=kmod-nvidia-latest-dkms && dnf install -y ${DRV}\n",
           {"2:58-2:64"}},
          {"variable built from an ARG",
           "FROM ubuntu:22.04\nARG BRANCH=535\nRUN DRIVER=nvidia-driver-${BRANCH}-server && "
           "apt-get install -y \"$DRIVER\"\n",
           {"3:65-3:74"}},
          {"COPY runfile named by ARGs",
           "FROM ubuntu:22.04\nARG ARCH\nARG DRIVER_VERSION\nCOPY "
           "NVIDIA-Linux-${ARCH}-${DRIVER_VERSION}.run /tmp/\n",
           {"4:6-4:48"}},
          {"ADD runfile URL named by an ARG",
           "FROM ubuntu:22.04\nARG V\nADD "
           "https://us.download.nvidia.com/tesla/${V}/NVIDIA-Linux-x86_64-${V}.run /opt/\n",
           {"3:5-3:75"}},
      });
}

// Downloading a package is not installing it.
TEST_CASE("SMP020 does not count download-only package-manager runs") {
  run_cases(
      rule_SMP020(),
      {
          {"apt-get --download-only",
           "FROM ubuntu:22.04\nRUN apt-get install --download-only -y nvidia-driver-535\n",
           {}},
          {"apt-get -yd",
           "FROM ubuntu:22.04\nRUN apt-get install -yd cuda-drivers libnvidia-compute-535\n",
           {}},
          {"apt-get -o Download-Only",
           "FROM ubuntu:22.04\nRUN apt-get -o APT::Get::Download-Only=true install -y "
           "nvidia-utils-535\n",
           {}},
          {"apt-get download",
           "FROM ubuntu:22.04\nRUN cd /pkgs && apt-get download nvidia-driver-535 "
           "libnvidia-compute-535\n",
           {}},
          {"yum --downloadonly",
           "FROM rockylinux:8\nRUN yum install -y --downloadonly --downloaddir=/pkgs "
           "kmod-nvidia-latest-dkms\n",
           {}},
          {"dnf --downloadonly",
           "FROM rockylinux:9\nRUN dnf -d 0 install --downloadonly -y nvidia-driver-cuda\n",
           {}},
          {"dnf download",
           "FROM rockylinux:9\nRUN dnf download --destdir /pkgs nvidia-driver-cuda-libs\n",
           {}},
          {"zypper --download-only",
           "FROM opensuse/leap:15.6\nRUN zypper -n install --download-only nvidia-gl-G06\n",
           {}},
          {"zypper -d",
           "FROM opensuse/leap:15.6\nRUN zypper --non-interactive install -d x11-video-nvidiaG06\n",
           {}},
          {"zypper --download only",
           "FROM opensuse/leap:15.6\nRUN zypper install --download only nvidia-compute-G06\n",
           {}},
          {"toolkit in a variable",
           "FROM ubuntu:22.04\nRUN PKGS=\"cuda-toolkit-12-4 libcudnn9-cuda-12\"; apt-get install "
           "-y $PKGS\n",
           {}},
          {"prefix assignment does not reach the words",
           "FROM ubuntu:22.04\nRUN DRV=nvidia-driver-535 apt-get install -y $DRV\n",
           {}},
          {"container toolkit spellings",
           "FROM rockylinux:9\nRUN dnf install -y nvidia-container-toolkit "
           "nvidia-container-toolkit-base libnvidia-container-tools\n",
           {}},
          {"runfile named by an unknown ARG without the NVIDIA prefix",
           "FROM ubuntu:22.04\nARG INSTALLER\nCOPY ${INSTALLER}.run /tmp/\n",
           {}},
          {"SUSE devel package",
           "FROM opensuse/leap:15.6\nRUN zypper install -y nvidia-gl-G06-devel\n",
           {}},
      });
}

TEST_CASE("SMP020 flags .run driver installers and copied driver files") {
  run_cases(rule_SMP020(),
            {
                {"NVIDIA-Linux runfile",
                 "FROM ubuntu:22.04\nRUN sh NVIDIA-Linux-x86_64-535.129.03.run -s\n",
                 {"2:8-2:42"}},
                {"executed directly",
                 "FROM ubuntu:22.04\nRUN ./NVIDIA-Linux-x86_64-535.run --silent\n",
                 {"2:5-2:34"}},
                {"CUDA runfile without --toolkit",
                 "FROM ubuntu:22.04\nRUN sh cuda_12.2.0_535.54.03_linux.run --silent\n",
                 {"2:8-2:39"}},
                {"CUDA runfile with --driver",
                 "FROM ubuntu:22.04\nRUN sh cuda_12.2.0_linux.run --silent --driver --toolkit\n",
                 {"2:8-2:29"}},
                {"COPY a driver library",
                 "FROM ubuntu:22.04\nCOPY libcuda.so.535.129.03 /usr/lib/x86_64-linux-gnu/\n",
                 {"2:6-2:27"}},
                {"COPY nvidia-smi", "FROM ubuntu:22.04\nCOPY nvidia-smi /usr/bin/\n", {"2:6-2:16"}},
                {"COPY --from a stage",
                 "FROM ubuntu:22.04 AS drv\nRUN true\nFROM ubuntu:22.04\nCOPY --from=drv "
                 "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.535.54.03 /usr/lib/\n",
                 {"4:17-4:68"}},
                {"COPY a kernel module",
                 "FROM ubuntu:22.04\nCOPY nvidia.ko /lib/modules/6.1/extra/\n",
                 {"2:6-2:15"}},
            });
}

TEST_CASE("SMP020 allows the CUDA toolkit, compat, cuDNN and NCCL") {
  run_cases(
      rule_SMP020(),
      {
          {"nvidia/cuda base pattern",
           "FROM ubuntu:22.04\nENV V=12.6.77-1\nRUN apt-get update && apt-get install -y "
           "--no-install-recommends \\\n    cuda-cudart-12-6=${V} \\\n    cuda-compat-12-6 \\\n    "
           "&& rm -rf /var/lib/apt/lists/*\n",
           {}},
          {"toolkit and libraries",
           "FROM ubuntu:22.04\nRUN apt-get install -y cuda-toolkit-12-4 cuda-libraries-12-4 "
           "cuda-nvcc-12-4 libcudnn9-cuda-12 libnccl2 libnccl-dev\n",
           {}},
          {"dev packages",
           "FROM ubuntu:22.04\nRUN apt-get install -y libnvidia-ml-dev cuda-driver-dev-12-4\n",
           {}},
          {"container toolkit",
           "FROM ubuntu:22.04\nRUN apt-get install -y nvidia-container-toolkit "
           "libnvidia-container1\n",
           {}},
          {"CUDA runfile --toolkit only",
           "FROM ubuntu:22.04\nRUN sh cuda_12.2.0_535.54.03_linux.run --silent --toolkit\n",
           {}},
          {"downloading a runfile",
           "FROM ubuntu:22.04\nRUN wget https://x/NVIDIA-Linux-x86_64-535.run\n",
           {}},
          {"removing the driver",
           "FROM ubuntu:22.04\nRUN apt-get purge -y nvidia-driver-535\n",
           {}},
          {"pip NVML bindings", "FROM python:3.12\nRUN pip install nvidia-ml-py cuda-python\n", {}},
          {"builder stage only",
           "FROM ubuntu:22.04 AS b\nRUN apt-get install -y cuda\nFROM ubuntu:22.04\nCOPY --from=b "
           "/usr/local/cuda/lib64/libcudart.so.12 /usr/lib/\n",
           {}},
          {"compat directory",
           "FROM ubuntu:22.04\nCOPY libcuda.so.535.129.03 /usr/local/cuda/compat/\n",
           {}},
          {"stubs directory",
           "FROM ubuntu:22.04\nCOPY libcuda.so /usr/local/cuda/lib64/stubs/\n",
           {}},
          {"toolkit library",
           "FROM ubuntu:22.04\nCOPY libcudart.so.12.2.53 /usr/lib/x86_64-linux-gnu/\n",
           {}},
      });
}

TEST_CASE("SMP020 in an image: driver files by path") {
  using namespace sagelint::rules::testing;
  run_image_cases(
      rule_SMP020(),
      {
          {"driver files",
           image_of(
               std::nullopt, std::nullopt,
               {"/usr/lib/x86_64-linux-gnu/libcuda.so.535.129.03", "/usr/bin/nvidia-smi",
                "/lib/modules/6.1.0/kernel/drivers/video/nvidia.ko.xz",
                "/lib/firmware/nvidia/535.129.03/gsp_ga10x.bin",
                "/usr/lib/x86_64-linux-gnu/nvidia/current/libnvidia-ml.so.1",
                "/usr/lib64/libnvidia-ptxjitcompiler.so.550.54.15", "/usr/bin/nvidia-installer"}),
           {"/lib/firmware/nvidia/535.129.03/gsp_ga10x.bin",
            "/lib/modules/6.1.0/kernel/drivers/video/nvidia.ko.xz", "/usr/bin/nvidia-installer",
            "/usr/bin/nvidia-smi", "/usr/lib/x86_64-linux-gnu/libcuda.so.535.129.03",
            "/usr/lib/x86_64-linux-gnu/nvidia/current/libnvidia-ml.so.1",
            "/usr/lib64/libnvidia-ptxjitcompiler.so.550.54.15"}},
          {"toolkit, compat and stubs",
           image_of(std::nullopt, std::nullopt,
                    {"/usr/local/cuda-12.2/compat/libcuda.so.535.129.03",
                     "/usr/local/cuda-12.2/compat/libcuda.so.1",
                     "/usr/local/cuda-12.2/targets/x86_64-linux/lib/stubs/libcuda.so",
                     "/usr/local/cuda-12.2/targets/x86_64-linux/lib/libcudart.so.12.2.53",
                     "/usr/lib/x86_64-linux-gnu/libnccl.so.2.19.3",
                     "/usr/lib/x86_64-linux-gnu/libcudnn.so.9.1.0",
                     "/usr/lib/x86_64-linux-gnu/libnvidia-container.so.1.14.3",
                     "/usr/local/lib/python3.12/site-packages/nvidia/nccl/lib/libnccl.so.2",
                     "/usr/local/nvidia/", "/etc/ld.so.conf.d/nvidia.conf",
                     "/opt/conda/pkgs/cuda-compat/libcuda.so.1"}),
           {}},
          // An installer file left in the image is not a driver; what it unpacked is.
          {"installer file left in the image",
           image_of(std::nullopt, std::nullopt,
                    {"/root/NVIDIA-Linux-x86_64-535.129.03.run", "/tmp/NVIDIA-Linux-x86_64-550.run",
                     "/var/cache/apt/archives/nvidia-driver-535_535.129.03-0ubuntu1_amd64.deb",
                     "/var/cache/dnf/kmod-nvidia-latest-dkms-550.54.15-1.el9.x86_64.rpm"}),
           {}},
          {"files the installer unpacked",
           image_of(std::nullopt, std::nullopt,
                    {"/root/NVIDIA-Linux-x86_64-535.129.03.run",
                     "/root/NVIDIA-Linux-x86_64-535.129.03/libcuda.so.535.129.03",
                     "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.535.129.03"}),
           {"/root/NVIDIA-Linux-x86_64-535.129.03/libcuda.so.535.129.03",
            "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.535.129.03"}},
          {"libcuda link into stubs is SMP021",
           image_of(std::nullopt, std::nullopt,
                    {"/usr/lib/x86_64-linux-gnu/libcuda.so.1 -> "
                     "/usr/local/cuda/lib64/stubs/libcuda.so"}),
           {}},
      });
}

TEST_CASE("SMP020 in an image: driver packages in the package database") {
  using namespace sagelint::rules::testing;
  const std::string status =
      "Package: cuda-compat-12-2\nStatus: install ok installed\nVersion: 535.129.03-1\n\n"
      "Package: nvidia-driver-535\nStatus: install ok installed\nVersion: 535.129.03-0ubuntu1\n\n"
      "Package: libnvidia-compute-535\nStatus: deinstall ok config-files\n\n"
      "Package: libcudnn9-cuda-12\nStatus: install ok installed\n";
  auto findings =
      lint_image(rule_SMP020(), image_of(std::nullopt, std::nullopt, {"/var/lib/dpkg/status"},
                                         {{"/var/lib/dpkg/status", status}}));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].path == "/var/lib/dpkg/status");
  CHECK(findings[0].message.find("nvidia-driver-535") != std::string::npos);
  auto apk =
      lint_image(rule_SMP020(),
                 image_of(std::nullopt, std::nullopt, {"/lib/apk/db/installed"},
                          {{"/lib/apk/db/installed", "P:musl\nV:1\n\nP:nvidia-utils-550\nV:1\n"}}));
  REQUIRE(apk.size() == 1);
  CHECK(apk[0].message.find("nvidia-utils-550") != std::string::npos);
}

TEST_CASE("SMP020 over the project's fixtures (fixtures/rules/SMP020)") {
  sagelint::rules::testing::run_fixture_cases(rule_SMP020());
}
