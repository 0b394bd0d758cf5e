// What an AMI made from another carries (sim/state/image.hpp), over random traits: whatever the
// source AMI's traits, CopyImage (to another Region and within one), CreateImage from an instance
// of it, and a store and restore through a bucket each give the new AMI exactly those traits.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>

#include "harness.hpp"
#include "sim/copies/copies.hpp"
#include "sim/images/images.hpp"
#include "sim/instances/instances.hpp"
#include "sim/s3/image_tasks.hpp"
#include "sim/s3/s3.hpp"
#include "tests/sim/images/image_fixture.hpp"
#include "tests/sim/images/inheritance_fixture.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using namespace sim;

namespace {

rc::Gen<std::string> one_of(std::vector<std::string> values) {
  return rc::gen::elementOf(std::move(values));
}

rc::Gen<ImageTraits> traits() {
  const auto codes = rc::gen::build<ProductCode>(
      rc::gen::set(&ProductCode::code, one_of({"0123456789abcdefghijklmno", "prodcode2", "x"})),
      rc::gen::set(&ProductCode::type, one_of({"marketplace", "devpay"})));
  return rc::gen::build<ImageTraits>(
      rc::gen::set(&ImageTraits::architecture, one_of({"x86_64", "arm64", "i386"})),
      rc::gen::set(&ImageTraits::platform, one_of({"", "windows"})),
      rc::gen::set(&ImageTraits::platform_details,
                   one_of({"Linux/UNIX", "Windows", "Red Hat Enterprise Linux", "SUSE Linux"})),
      rc::gen::set(&ImageTraits::usage_operation,
                   one_of({"RunInstances", "RunInstances:0002", "RunInstances:0010"})),
      rc::gen::set(&ImageTraits::billing_products,
                   rc::gen::container<std::vector<std::string>>(
                       one_of({"bp-6ba54002", "bp-6fa54006", "bp-63a5400a"}))),
      rc::gen::set(&ImageTraits::product_codes,
                   rc::gen::container<std::vector<ProductCode>>(codes)),
      rc::gen::set(&ImageTraits::root_device_name, one_of({"/dev/xvda", "/dev/sda1", "/dev/sdz"})),
      rc::gen::set(&ImageTraits::root_device_type, one_of({"ebs", "instance-store"})),
      rc::gen::set(&ImageTraits::virtualization_type, one_of({"hvm", "paravirtual"})),
      rc::gen::set(&ImageTraits::hypervisor, one_of({"xen", "ovm"})),
      rc::gen::set(&ImageTraits::image_type, one_of({"machine", "kernel", "ramdisk"})),
      rc::gen::set(&ImageTraits::boot_mode, one_of({"", "uefi", "legacy-bios", "uefi-preferred"})),
      rc::gen::set(&ImageTraits::tpm_support, one_of({"", "v2.0"})),
      rc::gen::set(&ImageTraits::imds_support, one_of({"", "v2.0"})),
      rc::gen::set(&ImageTraits::sriov_net_support, one_of({"", "simple"})),
      rc::gen::set(&ImageTraits::ena_support, rc::gen::arbitrary<bool>()),
      rc::gen::set(&ImageTraits::free_tier_eligible, rc::gen::arbitrary<bool>()));
}

// An available image of the harness's caller with `t` as its traits.
ImageId image_with(test::Harness& h, const ImageTraits& t, const std::string& name) {
  const ImageId id = test::registered_image(h, h.caller, name);
  h.world.region_of(h.caller).images.at(id).traits = t;
  return id;
}

const ImageTraits& traits_of(test::Harness& h, const Caller& caller, const ImageId& id) {
  return h.world.region_of(caller).images.at(id).traits;
}

}  // namespace

TEST_CASE("CopyImage carries any source's traits whole") {
  rc::prop("to another Region and within one", [] {
    const ImageTraits t = *traits();
    test::Harness h;
    const ImageId source = image_with(h, t, "source");
    for (const Caller& to : {h.in("eu-west-1"), h.caller}) {
      CopyImageRequest r;
      r.source_region = h.caller.region;
      r.source_image_id = source;
      r.name = "copy";
      const auto copy = copy_image(h.world, to, r);
      RC_ASSERT(copy.ok());
      RC_ASSERT(traits_of(h, to, *copy) == t);
    }
  });
}

TEST_CASE("CreateImage carries any traits of the instance's AMI whole") {
  rc::prop("from a running instance", [] {
    const ImageTraits t = *traits();
    test::Harness h;
    const ImageId base = test::registered_image(h, h.caller, "base");
    RunInstancesRequest run;
    run.image_id = base.str();
    run.instance_type = "t3.micro";
    const auto launched = run_instances(h.world, h.caller, run);
    RC_ASSERT(launched.ok());
    const InstanceId instance = launched->instances.at(0)->id;
    h.settle();
    h.world.region_of(h.caller).images.at(base).traits = t;
    const auto made = create_image(h.world, h.caller, test::create_request(instance, "made"));
    RC_ASSERT(made.ok());
    RC_ASSERT(traits_of(h, h.caller, *made) == t);
  });
}

TEST_CASE("A store and restore carries any storable AMI's traits whole") {
  rc::prop("through a bucket in the same Region", [] {
    ImageTraits t = *traits();
    t.root_device_type = "ebs";  // the store takes EBS-backed HVM AMIs only (fact sheet §6)
    t.virtualization_type = "hvm";
    test::Harness h;
    StoreImageRequest store;
    store.image_id = image_with(h, t, "stored");
    store.bucket = "amisim-inheritance";
    RC_ASSERT(create_bucket(h.world, h.caller, store.bucket, "").ok());
    const auto key = store_image(h.world, h.caller, store);
    RC_ASSERT(key.ok());
    h.settle();
    RestoreImageRequest restore;
    restore.bucket = store.bucket;
    restore.object_key = *key;
    restore.name = "restored";
    const auto restored = restore_image(h.world, h.caller, restore);
    RC_ASSERT(restored.ok());
    RC_ASSERT(traits_of(h, h.caller, *restored) == t);
  });
}

}  // namespace AMISIM_UNITY_ID
