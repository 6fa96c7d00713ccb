export interface ModelPickerProps {
  /** The models the server's policy allows. */
  models: string[];
  value: string;
  onChange(model: string): void;
  disabled: boolean;
}

/**
 * Only the policy's models are offered. A model that arrived another way (a shared `?model=` link) is still
 * shown, marked, so the picker never lies about what the session will ask for.
 */
export function ModelPicker({ models, value, onChange, disabled }: ModelPickerProps) {
  const offered = models.includes(value) ? models : [...models, value];
  return (
    <div className="field">
      <label className="field-label" htmlFor="model-picker">
        Model
      </label>
      <select
        id="model-picker"
        className="input select"
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
      >
        {offered.map((model) => (
          <option key={model} value={model}>
            {models.includes(model) ? model : `${model} (not enabled)`}
          </option>
        ))}
      </select>
    </div>
  );
}
