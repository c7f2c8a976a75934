import { describe, expect, it } from "vitest";
import { Model } from "./model.ts";
import { MemoryClassifierStore } from "./store.ts";
import { ClassifierInputError, TenantClassifier } from "./tenant.ts";
import { documentTokens } from "./tokenize.ts";

// A tenant with its own labels, which the default model does not know.
const SHIPPING = [
  "Bill of lading for container MSKU 123456 loaded on the vessel at Rotterdam, port of discharge Singapore.",
  "Ocean bill of lading: shipper, consignee and notify party; freight prepaid; 2 x 40ft containers on board.",
  "Bill of lading number 88231, vessel Northern Star voyage 14E, container seal intact, clean on board.",
  "Negotiable bill of lading issued in three originals; the carrier received the cargo in apparent good order.",
  "Sea waybill and bill of lading for reefer container, port of loading Santos, vessel Aurora Bay.",
  "Master bill of lading, consolidated cargo, container numbers listed, shipped on board the vessel at Hamburg.",
];
const CUSTOMS = [
  "Customs declaration: tariff code 8471.30, country of origin China, customs value and import duty payable.",
  "Import customs entry with HS code, duty and import VAT assessed by the customs authority at the border.",
  "Export declaration lodged with customs; commodity code, origin and customs procedure code 1000.",
  "Customs clearance notice: goods released after payment of duty; tariff classification confirmed.",
  "Single administrative document for customs, declarant details, commodity code, duty relief claimed.",
  "Customs duty assessment with tariff heading, origin certificate and import VAT deferred.",
];

// A small stand-in for the default model, so these tests do not depend on the committed file.
const fallbackModel = Model.train(
  [
    ...[
      "Invoice total due, VAT and payment terms.",
      "Invoice number, amount due and bank details for payment.",
    ].map((t) => ({ label: "invoice", tokens: documentTokens(t) })),
    ...[
      "Complaint about poor service, I want a refund.",
      "I am writing to complain about the delay and fees.",
    ].map((t) => ({ label: "complaint", tokens: documentTokens(t) })),
  ],
  undefined,
  1,
);

function setup() {
  const store = new MemoryClassifierStore();
  const classifier = new TenantClassifier({
    store,
    fallback: () => fallbackModel,
    now: () => new Date("2026-01-02T03:04:05Z"),
  });
  return { store, classifier };
}

async function addAll(classifier: TenantClassifier, tenant: string) {
  for (const text of SHIPPING) await classifier.addExample(tenant, "bill_of_lading", text);
  for (const text of CUSTOMS) await classifier.addExample(tenant, "customs_declaration", text);
}

describe("TenantClassifier", () => {
  it("falls back to the default model while the tenant has no model", async () => {
    const { classifier } = setup();
    const result = await classifier.classify(
      "t1",
      "Please pay the invoice amount due with VAT by bank transfer.",
    );
    expect(result).toMatchObject({ model: "default", label: "invoice" });
  });

  it("refuses to train on too few examples, naming the short labels, and keeps falling back", async () => {
    const { classifier, store } = setup();
    for (const text of SHIPPING) await classifier.addExample("t1", "bill_of_lading", text);
    for (const text of CUSTOMS.slice(0, 3)) await classifier.addExample("t1", "customs_declaration", text);
    const error = await classifier.train("t1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClassifierInputError);
    expect((error as ClassifierInputError).field).toBe("examples");
    expect((error as Error).message).toMatch(/at least 5 examples each; "customs_declaration" has 3/);
    expect(await store.loadModel("t1")).toBeUndefined();
    expect((await classifier.classify("t1", "A container bill of lading")).model).toBe("default");
  });

  it("trains on the tenant's own labels with a cross-validated report and classifies with it", async () => {
    const { classifier, store } = setup();
    await addAll(classifier, "t1");
    const report = await classifier.train("t1");
    expect(report).toMatchObject({
      examples: 12,
      labels: ["bill_of_lading", "customs_declaration"],
      folds: 5,
      trainedAt: new Date("2026-01-02T03:04:05Z"),
    });
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.perLabel.map((l) => [l.label, l.support])).toEqual([
      ["bill_of_lading", 6],
      ["customs_declaration", 6],
    ]);
    for (const l of report.perLabel) {
      expect(l.precision).toBeGreaterThan(0);
      expect(l.recall).toBeGreaterThan(0);
    }
    expect((await store.loadModel("t1"))?.report.accuracy).toBe(report.accuracy);

    const result = await classifier.classify(
      "t1",
      "The vessel sailed with the container; bill of lading attached.",
    );
    expect(result).toMatchObject({ model: "tenant", label: "bill_of_lading" });
    expect((await classifier.classify("t1", "Customs duty and tariff code for the import.")).label).toBe(
      "customs_declaration",
    );
  });

  it("keeps tenants apart", async () => {
    const { classifier } = setup();
    await addAll(classifier, "t1");
    await classifier.train("t1");
    expect((await classifier.classify("t2", "bill of lading for the container vessel")).model).toBe(
      "default",
    );
    expect(await classifier.describe("t2")).toEqual({
      examples: {},
      minExamplesPerLabel: 5,
      model: undefined,
    });
    expect((await classifier.describe("t1")).examples).toEqual({ bill_of_lading: 6, customs_declaration: 6 });
  });

  it("reads a model trained by another process from the store once its cache expires", async () => {
    const store = new MemoryClassifierStore();
    const reader = new TenantClassifier({ store, fallback: () => fallbackModel, cacheMs: 0 });
    const trainer = new TenantClassifier({ store, fallback: () => fallbackModel });
    expect((await reader.classify("t1", "bill of lading container vessel")).model).toBe("default");
    await addAll(trainer, "t1");
    await trainer.train("t1");
    expect((await reader.classify("t1", "bill of lading container vessel")).model).toBe("tenant");
  });

  it("rejects bad labels and texts, naming the field, and stores nothing", async () => {
    const { classifier, store } = setup();
    for (const label of ["", "Invoice", "unknown", "has space", "x".repeat(65)]) {
      await expect(classifier.addExample("t1", label, "some text")).rejects.toMatchObject({ field: "label" });
    }
    await expect(classifier.addExample("t1", "ok", "   ")).rejects.toMatchObject({ field: "text" });
    await expect(classifier.addExample("t1", "ok", "x".repeat(1_000_001))).rejects.toThrow(
      /at most 1000000 characters/,
    );
    await expect(classifier.classify("t1", "text", 1.5)).rejects.toMatchObject({ field: "threshold" });
    expect(await store.loadExamples("t1")).toEqual([]);
  });
});
